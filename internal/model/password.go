package model

import "strings"

// Password rules for Secretariat accounts. bcrypt reads at most 72 bytes, so
// a longer password would be silently cut: it is refused instead.
const (
	PasswordMinRunes = 10
	PasswordMaxBytes = 72
)

// Password checks a new password.
func (v *Validator) Password(field, pw string) {
	switch {
	case pw == "":
		v.Add(field, "validation.required")
	case len(pw) > PasswordMaxBytes:
		v.Add(field, "security.password_long", PasswordMaxBytes)
	case len([]rune(pw)) < PasswordMinRunes:
		v.Add(field, "validation.password_short", PasswordMinRunes)
	case CommonPassword(pw):
		v.Add(field, "validation.password_common")
	}
}

// commonPasswords are passwords of ten characters or more that lists of
// leaked passwords put first, in English and Spanish, and words anyone
// would try on a Minka server. Compared in lower case, without accents.
var commonPasswords = map[string]bool{}

func init() {
	for _, p := range []string{
		"1234567890", "12345678910", "123456789012", "0123456789", "0987654321", "1111111111", "1234512345",
		"1q2w3e4r5t", "1qaz2wsx3edc", "qwertyuiop", "qwerty12345", "qwerty123456", "asdfghjkl1", "zxcvbnm123",
		"password12", "password123", "password1234", "passw0rd123", "iloveyou12", "princesa123", "abcdefghij",
		"abc1234567", "contrasena", "contrasena1", "contrasena12", "contrasena123", "micontrasena", "administrador",
		"administrador1", "administrador123", "admin12345", "admin123456", "adminadmin", "secretaria", "secretaria123",
		"minka12345", "minka123456", "minkaminka", "gobiernoabierto", "gobierno123", "peru123456", "peru2025",
		"lima123456", "superman12", "dragonball", "futbol1234", "teamo12345", "bienvenido", "bienvenido1",
		"changeme123", "letmein123", "welcome123", "football12", "baseball12", "trustno1234", "sunshine12",
	} {
		commonPasswords[p] = true
	}
}

// CommonPassword tells a password anyone would guess: one of the list
// above, or a single character repeated.
func CommonPassword(pw string) bool {
	f := Fold(pw)
	if commonPasswords[f] || commonPasswords[strings.ReplaceAll(f, " ", "")] {
		return true
	}
	for _, r := range f {
		if r != []rune(f)[0] {
			return false
		}
	}
	return true
}

// PasswordChange is the form to change one's own password.
type PasswordChange struct {
	Current string
	New     string
	Confirm string
}

// Validate checks the form; whether Current is right is the store's to say.
func (p *PasswordChange) Validate() error {
	var v Validator
	if p.Current == "" {
		v.Add("current", "validation.required")
	}
	v.Password("new", p.New)
	if !v.Has("new") && p.Confirm != p.New {
		v.Add("confirm", "security.password_mismatch")
	}
	if !v.Has("new") && p.New == p.Current {
		v.Add("new", "security.password_same")
	}
	return v.Err()
}

// NewAdmin is the form to create another Secretariat account.
type NewAdmin struct {
	Username string
	Password string
	Confirm  string
}

// Normalize trims the username (never the password).
func (a *NewAdmin) Normalize() { a.Username = Clean(a.Username) }

// Validate checks the form.
func (a *NewAdmin) Validate() error {
	var v Validator
	v.Text("username", a.Username, true, 60)
	v.Password("password", a.Password)
	if !v.Has("password") && a.Confirm != a.Password {
		v.Add("confirm", "security.password_mismatch")
	}
	return v.Err()
}
