package export

import (
	"io"
	"strconv"

	"github.com/minka-gob/minka/internal/csvsafe"
	"github.com/minka-gob/minka/internal/i18n"
	"github.com/minka-gob/minka/internal/model"
)

// WriteParticipantsCSV writes the participant list (with personal data: for
// the Secretariat only) as CSV in lang. Every field goes through csvsafe, so
// a name such as =HYPERLINK("http://x","y") arrives as text, not a formula.
// Times are Lima time, "2006-01-02 15:04", which spreadsheets read as dates.
func WriteParticipantsCSV(w io.Writer, ps []model.ParticipantRow, lang string) error {
	b := &book{lang: i18n.Supported(lang)}
	cw, err := csvsafe.NewWriter(w)
	if err != nil {
		return err
	}
	head := []string{
		b.t("export.col.workshop"), b.t("export.col.city"), b.t("export.col.table"), b.t("export.col.name"),
		b.t("export.col.gender"), b.t("export.col.sector"), b.t("export.col.organization"), b.t("export.col.email"),
		b.t("export.col.phone"), b.t("export.col.source"), b.t("export.col.registered_at"), b.t("export.col.checked_in_at"),
	}
	if err := cw.Write(head); err != nil {
		return err
	}
	rec := make([]string, len(head))
	for i := range ps {
		p := &ps[i]
		table := ""
		if p.Table > 0 {
			table = strconv.Itoa(p.Table)
		}
		checked := ""
		if p.CheckedInAt != nil {
			checked = csvTime(*p.CheckedInAt)
		}
		rec = append(rec[:0], p.Workshop, p.City, table, p.Name,
			b.code("gender.", p.Gender), b.code("sector.", p.Sector), p.Organization, p.Email,
			p.Phone, b.code("export.source.", p.Source), csvTime(p.RegisteredAt), checked)
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	return cw.Flush()
}
