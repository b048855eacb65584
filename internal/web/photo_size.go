package web

import (
	"encoding/binary"
	"errors"
	"image"
	_ "image/jpeg" // DecodeConfig of uploaded photos
	_ "image/png"
	"io"
)

// A photo is at most maxPhotoSide pixels a side and maxPhotoPixels in all:
// a 40000×40000 PNG compresses to little and would take gigabytes to show.
const (
	maxPhotoSide   = 8192
	maxPhotoPixels = 40_000_000
)

var errNoSize = errors.New("web: image size unreadable")

// photoSize reads the width and height of a JPEG, PNG or WebP from its
// header, without decoding the pixels.
func photoSize(r io.Reader, mime string) (w, h int, err error) {
	if mime != "image/webp" {
		cfg, _, err := image.DecodeConfig(r)
		return cfg.Width, cfg.Height, err
	}
	head := make([]byte, 30)
	if _, err := io.ReadFull(r, head); err != nil {
		return 0, 0, errNoSize
	}
	switch string(head[12:16]) {
	case "VP8X": // extended: 24-bit canvas width-1 and height-1
		w = int(head[24]) | int(head[25])<<8 | int(head[26])<<16
		h = int(head[27]) | int(head[28])<<8 | int(head[29])<<16
		return w + 1, h + 1, nil
	case "VP8L": // lossless: 14-bit width-1 and height-1 after the 0x2f signature
		if head[20] != 0x2f {
			return 0, 0, errNoSize
		}
		b := binary.LittleEndian.Uint32(head[21:25])
		return int(b&0x3fff) + 1, int(b>>14&0x3fff) + 1, nil
	case "VP8 ": // lossy: 14-bit width and height after the key frame start code
		if head[23] != 0x9d || head[24] != 0x01 || head[25] != 0x2a {
			return 0, 0, errNoSize
		}
		return int(binary.LittleEndian.Uint16(head[26:28]) & 0x3fff), int(binary.LittleEndian.Uint16(head[28:30]) & 0x3fff), nil
	}
	return 0, 0, errNoSize
}

// photoSizeOK tells whether a photo's dimensions are within the limits.
func photoSizeOK(w, h int) bool {
	return w > 0 && h > 0 && w <= maxPhotoSide && h <= maxPhotoSide && w*h <= maxPhotoPixels
}
