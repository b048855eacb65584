package web

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/minka-gob/minka/internal/model"
)

// Hostile score input: a Forum member's form post and API body. Whatever
// they hold, parsing never panics, and what passes validation is a score the
// ranking can use (every value 1-5 for a known criterion, a submission
// complete, a recusal with its declared conflict, clean bounded text) and
// reads back the same after being sent again.
func FuzzScoreInput(f *testing.F) {
	form := func(kv ...string) string {
		v := url.Values{}
		for i := 0; i+1 < len(kv); i += 2 {
			v.Add(kv[i], kv[i+1])
		}
		return v.Encode()
	}
	f.Add(form("action", "submit", "score_relevance", "5", "score_impact", "4", "score_technical_legal", "3",
		"score_financial_operational", "3", "score_innovation", "4", "observations", "Precisar indicadores."),
		`{"action":"submit","values":{"relevance":5,"impact":4,"technical_legal":3,"financial_operational":3,"innovation":4},"observations":"Precisar indicadores."}`)
	f.Add(form("action", "draft", "score_relevance", "2"), `{"action":"draft","values":{"relevance":2}}`)
	f.Add(form("action", "recuse", "conflict", "Trabajo en la entidad responsable."), `{"action":"recuse","conflict":"Trabajo en la entidad responsable."}`)
	f.Add(form("action", "unrecuse"), `{"action":"unrecuse"}`)
	f.Add(form("action", "submit", "score_relevance", "6", "score_impact", "-1", "score_innovation", "٣"), `{"action":"submit","values":{"relevance":6,"nope":3}}`)
	f.Add(form("action", "draft", "score_relevance", "99999999999999999999", "observations", "<script>alert(1)</script>"),
		`{"action":"draft","values":{"relevance":1e400},"observations":"\u0000"}`)
	f.Add("action=draft&score_relevance=%zz&&=", `{"action":["draft"]}`)
	f.Add("", `null`)
	codes := model.CriterionCodes
	crits := make([]model.Criterion, len(codes))
	for i, c := range codes {
		crits[i] = model.Criterion{Code: c}
	}
	f.Fuzz(func(t *testing.T, body, jsonBody string) {
		// The form, read as scoreSave reads it.
		if vals, err := url.ParseQuery(body); err == nil {
			in, bad := scoreInputForm(vals.Get, crits)
			// The form itself refuses only scores that are not whole numbers.
			for field := range bad {
				if _, err := strconv.Atoi(vals.Get(field)); !strings.HasPrefix(field, "score_") || err == nil {
					t.Fatalf("field error on %s (%q)", field, vals.Get(field))
				}
			}
			if len(bad) == 0 {
				checkScoreInput(t, in, codes, func(in model.ScoreInput) model.ScoreInput {
					v := url.Values{"action": {in.Action}, "observations": {in.Observations}, "conflict": {in.Conflict}}
					for c, n := range in.Values {
						v.Set(model.ScoreField(c), strconv.Itoa(n))
					}
					back, err := url.ParseQuery(v.Encode())
					if err != nil {
						t.Fatal(err)
					}
					out, bad := scoreInputForm(back.Get, crits)
					if len(bad) > 0 {
						t.Fatalf("a valid score read back with errors %v", bad)
					}
					return out
				})
			}
		}
		// The API body, decoded as the API decodes it.
		var in model.ScoreInput
		if json.Unmarshal([]byte(jsonBody), &in) == nil {
			checkScoreInput(t, in, codes, func(in model.ScoreInput) model.ScoreInput {
				b, err := json.Marshal(in)
				if err != nil {
					t.Fatal(err)
				}
				var out model.ScoreInput
				if err := json.Unmarshal(b, &out); err != nil {
					t.Fatalf("reading back %s: %v", b, err)
				}
				return out
			})
		}
	})
}

// checkScoreInput validates in; a valid input must make sense to the
// ranking and survive resend (a round trip through its encoding).
func checkScoreInput(t *testing.T, in model.ScoreInput, codes []string, resend func(model.ScoreInput) model.ScoreInput) {
	t.Helper()
	err := in.Validate(codes)
	if err != nil {
		if model.KindOf(err) != model.KindInvalid {
			t.Fatalf("Validate: untyped error %v", err)
		}
		return
	}
	switch in.Action {
	case model.ScoreActionDraft, model.ScoreActionSubmit, model.ScoreActionRecuse, model.ScoreActionUnrecuse:
	default:
		t.Fatalf("valid with action %q", in.Action)
	}
	known := map[string]bool{}
	for _, c := range codes {
		known[c] = true
	}
	for c, v := range in.Values {
		if !known[c] || v < 1 || v > 5 {
			t.Fatalf("valid with %s = %d", c, v)
		}
	}
	if in.Action == model.ScoreActionSubmit && len(in.Values) != len(codes) {
		t.Fatalf("a submission with %d of %d criteria", len(in.Values), len(codes))
	}
	if in.Action == model.ScoreActionRecuse && in.Conflict == "" {
		t.Fatal("a recusal without its conflict of interest")
	}
	for name, s := range map[string]string{"observations": in.Observations, "conflict": in.Conflict} {
		if name == "conflict" && in.Action != model.ScoreActionRecuse {
			continue // only a recusal keeps it
		}
		if !utf8.ValidString(s) || strings.TrimSpace(s) != s || utf8.RuneCountInString(s) > 4000 {
			t.Fatalf("valid with %s %q", name, s)
		}
		for _, r := range s {
			if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
				t.Fatalf("valid with %s holding %U", name, r)
			}
		}
	}
	back := resend(in)
	if err := back.Validate(codes); err != nil {
		t.Fatalf("a valid score is invalid when sent again: %v", err)
	}
	if len(back.Values) == 0 && len(in.Values) == 0 {
		back.Values, in.Values = nil, nil
	}
	if in.Action != model.ScoreActionRecuse {
		back.Conflict, in.Conflict = "", ""
	}
	if !reflect.DeepEqual(in, back) {
		t.Fatalf("sent again: %+v, was %+v", back, in)
	}
}
