package model

import "testing"

// Long but common passwords, and one character repeated, are refused; a
// long uncommon one passes. Spanish accents do not make a common one new.
func TestPasswordPolicy(t *testing.T) {
	for _, pw := range []string{"1234567890", "Contraseña123", "ADMINISTRADOR", "qwertyuiop", "aaaaaaaaaaaa", "minka12345"} {
		var v Validator
		v.Password("password", pw)
		if v.Err() == nil {
			t.Errorf("%q accepted", pw)
		}
	}
	for _, pw := range []string{"cóndor-lluvia-maíz", "clave-de-la-matriz", "una-clave-larga"} {
		var v Validator
		v.Password("password", pw)
		if err := v.Err(); err != nil {
			t.Errorf("%q refused: %v", pw, err)
		}
	}
}
