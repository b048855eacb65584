package model

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
	}
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
