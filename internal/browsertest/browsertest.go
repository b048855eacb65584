// Package browsertest drives headless Chromium for Minka's browser tests
// (internal/e2e, and the live screens' test in internal/web): it starts the
// browser, gives each person a tab of their own (a separate browser
// context: cookies and storage apart), and checks pages the way a phone user
// and a screen-reader user would meet them — no sideways scrolling at
// 360 px, tap targets of a usable size, and no serious axe-core violations.
//
// Only tests import this package; nothing here is served to users.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/minka-gob/minka/internal/testenv"
)

// Chromium is the browser the tests drive (Debian's package; installed by
// scripts/install-test-deps.sh).
const Chromium = "chromium"

// NewBrowser starts headless Chromium with a fresh profile for t and returns
// its context. Where Chromium is missing the test is skipped with a message,
// except under CI=true, where it fails: CI installs the browser, so a missing
// one there is a broken set-up, not a reason to pass.
func NewBrowser(t testing.TB) context.Context {
	t.Helper()
	path := testenv.LookPath(t, Chromium, "chromium")
	// chromedp adds --no-sandbox by itself when running as root. Without the
	// background-networking flags Chromium stalls on a closed network.
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.NoFirstRun,
		chromedp.UserDataDir(filepath.Join(t.TempDir(), "chromium")),
	)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(alloc)
	t.Cleanup(cancel2)
	if err := chromedp.Do(ctx); err != nil { // starts the browser, with no timeout
		t.Fatalf("starting %s: %v", Chromium, err)
	}
	return ctx
}

// Tab is one person's screen: its own browser context (cookies, local
// storage) and viewport width.
type Tab struct {
	T     testing.TB
	Ctx   context.Context
	Name  string
	Width int64
	ID    cdp.BrowserContextID
	// Step is the longest one action may take (30 s by default).
	Step time.Duration
}

// Height of every emulated viewport.
const viewportHeight = 740

// NewTab opens a tab in a new browser context, width pixels wide. It
// closes when the test ends.
func NewTab(t testing.TB, browser context.Context, name string, width int64) *Tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	tb := &Tab{T: t, Ctx: ctx, Name: name, Width: width, Step: 30 * time.Second}
	// The first action opens the tab: it runs on the tab's own context,
	// so that the tab lives as long as the test, not as long as a step.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, viewportHeight), watchErrors); err != nil {
		t.Fatalf("%s: opening a tab: %v", name, err)
	}
	if c := chromedp.FromContext(ctx); c != nil {
		tb.ID = c.BrowserContextID
	}
	return tb
}

// errorWatchJS records, in every page the tab loads, what breaks it
// silently: Content-Security-Policy violations (an inline style or script
// the browser refused) and uncaught JavaScript errors.
const errorWatchJS = `window.__minkaErrors = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__minkaErrors.push('CSP ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
window.addEventListener('error', function (e) {
  window.__minkaErrors.push('JavaScript error: ' + e.message + ' at ' + e.filename + ':' + e.lineno);
});
window.addEventListener('unhandledrejection', function (e) {
  window.__minkaErrors.push('unhandled rejection: ' + (e.reason && e.reason.message || e.reason));
});`

var watchErrors = chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
	_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: errorWatchJS})
	return err
})

// PageErrors returns the CSP violations and JavaScript errors of the page
// shown so far.
func (tb *Tab) PageErrors() []string {
	tb.T.Helper()
	v, err := run(tb, chromedp.Evaluate[[]string](`window.__minkaErrors || []`))
	if err != nil {
		tb.Fatalf("reading page errors: %v", err)
	}
	return v
}

// run runs one action within the tab's step time.
func run[T any](tb *Tab, a chromedp.Action[T]) (T, error) {
	ctx, cancel := context.WithTimeout(tb.Ctx, tb.Step)
	defer cancel()
	return chromedp.Run(ctx, a)
}

// Do runs actions, failing the test (with a screenshot) on an error.
func (tb *Tab) Do(actions ...chromedp.Action[chromedp.Void]) {
	tb.T.Helper()
	ctx, cancel := context.WithTimeout(tb.Ctx, tb.Step)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		tb.Fatalf("%v", err)
	}
}

// Fatalf saves a screenshot of the tab under the test output folder and
// fails the test.
func (tb *Tab) Fatalf(format string, args ...any) {
	tb.T.Helper()
	msg := fmt.Sprintf(format, args...)
	if f := tb.Shot("failure"); f != "" {
		msg += "\n  screenshot: " + f
	}
	if u, err := run(tb, chromedp.Location()); err == nil {
		msg += "\n  page: " + u
	}
	tb.T.Fatalf("%s: %s", tb.Name, msg)
}

// Wait polls a JavaScript condition until it holds (30 s at most).
func (tb *Tab) Wait(cond string) {
	tb.T.Helper()
	if err := tb.WaitWithin(cond, 30*time.Second); err != nil {
		tb.Fatalf("waiting for %s: %v", cond, err)
	}
}

// WaitWithin polls a JavaScript condition until it holds or d passes.
func (tb *Tab) WaitWithin(cond string, d time.Duration) error {
	ctx, cancel := context.WithTimeout(tb.Ctx, d+tb.Step)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Poll[bool](cond,
		chromedp.WithPollingTimeout(d), chromedp.WithPollingInterval(20*time.Millisecond)))
	return err
}

// Eval evaluates a JavaScript expression that gives a string.
func (tb *Tab) Eval(js string) string {
	tb.T.Helper()
	v, err := run(tb, chromedp.Evaluate[string](js))
	if err != nil {
		tb.Fatalf("%s: %v", js, err)
	}
	return v
}

// Await evaluates a JavaScript expression that gives a promise of a string.
func (tb *Tab) Await(js string) string {
	tb.T.Helper()
	v, err := run(tb, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("%s: %v", js, err)
	}
	return v
}

// True evaluates a JavaScript expression that gives a boolean.
func (tb *Tab) True(js string) bool {
	tb.T.Helper()
	v, err := run(tb, chromedp.Evaluate[bool](js))
	if err != nil {
		tb.Fatalf("%s: %v", js, err)
	}
	return v
}

// Open navigates to url and waits for the page to load.
func (tb *Tab) Open(url string) {
	tb.T.Helper()
	tb.Do(chromedp.Navigate(url))
}

// Follow runs trigger (a click, a key press) and waits for the page it
// leads to to load.
func (tb *Tab) Follow(trigger chromedp.Action[chromedp.Void]) {
	tb.T.Helper()
	if _, err := run(tb, chromedp.WaitEvent(page.LoadEventFired, nil, trigger)); err != nil {
		tb.Fatalf("%v", err)
	}
}

// ClickAndLoad clicks the element sel finds and waits for the next page.
func (tb *Tab) ClickAndLoad(sel string) {
	tb.T.Helper()
	tb.Follow(chromedp.Click(chromedp.CSS(sel)))
}

// Path is the path (with query) of the tab's current page.
func (tb *Tab) Path() string {
	tb.T.Helper()
	return tb.Eval(`location.pathname + location.search`)
}

// SetCookie sets a cookie for base in the tab's browser context.
func (tb *Tab) SetCookie(base, name, value string) {
	tb.T.Helper()
	tb.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: base})
		return err
	}))
}

// Cookie returns the value of the tab's cookie called name for base.
func (tb *Tab) Cookie(base, name string) string {
	tb.T.Helper()
	res, err := run(tb, func(ctx context.Context, tg *chromedp.Target) (network.GetCookiesResult, error) {
		return cdp.Call(ctx, tg, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	})
	if err != nil {
		tb.Fatalf("reading cookies: %v", err)
	}
	for _, c := range res.Cookies {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Offline cuts the tab's network (true) or gives it back (false), through
// the DevTools protocol: requests fail and open websockets are dropped, as
// when a phone leaves the workshop's Wi-Fi.
func (tb *Tab) Offline(off bool) {
	tb.T.Helper()
	tb.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
			return err
		}
		conds := []*network.Conditions{}
		if off {
			conds = append(conds, &network.Conditions{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		}
		if _, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule,
			network.EmulateNetworkConditionsByRuleParams{MatchedNetworkConditions: conds}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, network.OverrideNetworkState, network.OverrideNetworkStateParams{
			Offline: off, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}))
}

// PrintPDF prints the page as Chromium's print dialog would save it as
// PDF, with the page size the page's CSS asks for (@page), and returns the
// PDF's bytes.
func (tb *Tab) PrintPDF() []byte {
	tb.T.Helper()
	yes := true
	res, err := run(tb, func(ctx context.Context, tg *chromedp.Target) (page.PrintToPDFResult, error) {
		return cdp.Call(ctx, tg, page.PrintToPDF, page.PrintToPDFParams{PreferCSSPageSize: &yes, PrintBackground: &yes})
	})
	if err != nil {
		tb.Fatalf("printing to PDF: %v", err)
	}
	return res.Data
}

// EmulatePrint lays the page out for print media (true) or the screen
// (false), so that a test can read what a printed page shows.
func (tb *Tab) EmulatePrint(on bool) {
	tb.T.Helper()
	media := ""
	if on {
		media = "print"
	}
	tb.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: media})
		return err
	}))
}

// DisableScripts turns JavaScript off in the tab for the pages it loads
// next, to check what a page offers without it.
func (tb *Tab) DisableScripts() {
	tb.T.Helper()
	tb.Do(chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
		return err
	}))
}

// Download lets the tab's browser context save downloads into dir, runs
// trigger (a click on a download link or button) and waits until the file
// has arrived; it returns the file's path.
func (tb *Tab) Download(dir string, trigger chromedp.Action[chromedp.Void]) string {
	tb.T.Helper()
	ctx, cancel := context.WithTimeout(tb.Ctx, time.Minute)
	defer cancel()
	events := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, BrowserContextID: tb.ID, DownloadPath: dir, EventsEnabled: &events,
	}); err != nil {
		tb.Fatalf("download behaviour: %v", err)
	}
	begin := chromedp.BrowserEvents(ctx, browser.DownloadWillBegin)
	progress := chromedp.BrowserEvents(ctx, browser.DownloadProgress)
	tb.Do(trigger)
	var name, guid string
	for ev, err := range begin {
		if err != nil {
			tb.Fatalf("no download began: %v", err)
		}
		name, guid = ev.SuggestedFilename, ev.GUID
		break
	}
	for ev, err := range progress {
		if err != nil {
			tb.Fatalf("download of %s did not finish: %v", name, err)
		}
		if ev.GUID != guid {
			continue
		}
		if ev.State == browser.DownloadProgressStateCanceled {
			tb.Fatalf("download of %s was cancelled", name)
		}
		if ev.State == browser.DownloadProgressStateCompleted {
			break
		}
	}
	return filepath.Join(dir, name)
}

// Shot saves a full-page screenshot under the test output folder (testout/
// at the repository root, or $MINKA_SCREENSHOTS) and returns its path, or ""
// when it could not be taken.
func (tb *Tab) Shot(name string) string {
	b, err := run(tb, chromedp.FullScreenshot(100)) // quality 100: PNG
	if err != nil {
		return ""
	}
	dir := OutDir()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return ""
	}
	f := filepath.Join(dir, fileName(tb.T.Name()+"-"+tb.Name+"-"+name)+".png")
	if os.WriteFile(f, b, 0o644) != nil {
		return ""
	}
	return f
}

// Snap saves a screenshot only when $MINKA_SCREENSHOTS names a folder: for
// looking at a run, not for failures.
func (tb *Tab) Snap(name string) {
	if os.Getenv("MINKA_SCREENSHOTS") != "" {
		tb.Shot(name)
	}
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// DocShot saves what the tab's viewport shows as <name>.png in the folder
// $MINKA_DOC_SHOTS names (docs/screenshots from `make screenshots`), for the
// README's walkthrough of the workshop day; without it, it does nothing.
// The pictures are taken by the tests, never by hand, so they show what the
// code does.
func (tb *Tab) DocShot(name string) {
	tb.T.Helper()
	dir := os.Getenv("MINKA_DOC_SHOTS")
	if dir == "" {
		return
	}
	b, err := run(tb, chromedp.CaptureScreenshot())
	if err != nil {
		tb.T.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.T.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.WriteFile(filepath.Join(dir, fileName(name)+".png"), b, 0o644); err != nil {
		tb.T.Errorf("screenshot %s: %v", name, err)
	}
}

func fileName(s string) string { return unsafeName.ReplaceAllString(s, "_") }

// OutDir is where screenshots go: $MINKA_SCREENSHOTS, or testout/ at the
// root of the module (git-ignored).
func OutDir() string {
	if d := os.Getenv("MINKA_SCREENSHOTS"); d != "" {
		return d
	}
	dir, err := os.Getwd()
	if err != nil {
		return "testout"
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return filepath.Join(d, "testout")
		}
		if filepath.Dir(d) == d {
			return filepath.Join(dir, "testout")
		}
	}
}

// ------------------------------------------------------------ page checks

// MinTarget is the smallest height, in CSS pixels, of a control a finger
// must hit.
const MinTarget = 40

// layoutJS lists what is wrong with the layout of the page as it is shown:
// a page wider than the viewport (sideways scrolling), controls smaller than
// a fingertip, and controls cut off at the right edge. A checkbox or a
// radio button is measured together with its label (the label is the
// target). Controls inside a frame that scrolls on its own (a wide table in
// .table-wrap) are not cut off: their frame scrolls.
const layoutJS = `(function (min) {
  var w = window.innerWidth, out = [];
  var sw = document.documentElement.scrollWidth;
  if (sw > w) { out.push('the page is ' + sw + ' px wide in a ' + w + ' px viewport (sideways scroll)'); }
  function name(n) {
    var s = n.tagName.toLowerCase();
    if (n.id) { s += '#' + n.id; }
    if (n.getAttribute('name')) { s += '[name=' + n.getAttribute('name') + ']'; }
    if (n.type === 'radio' || n.type === 'checkbox') { s += '[value=' + n.value + ']'; }
    var txt = (n.textContent || n.value || '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return txt ? s + ' "' + txt + '"' : s;
  }
  function scrollsAlone(n) {
    for (var p = n.parentElement; p && p !== document.body; p = p.parentElement) {
      var o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll') { return true; }
    }
    return false;
  }
  var sel = 'button, input:not([type=hidden]), select, textarea, a.button, summary';
  document.querySelectorAll(sel).forEach(function (n) {
    var cs = getComputedStyle(n);
    if (cs.visibility === 'hidden' || n.closest('[hidden]')) { return; }
    var r = n.getBoundingClientRect();
    var top = r.top, bottom = r.bottom, left = r.left, right = r.right;
    if (n.type === 'radio' || n.type === 'checkbox') {
      var labels = Array.prototype.slice.call(n.labels || []);
      labels.forEach(function (l) {
        var lr = l.getBoundingClientRect();
        if (lr.width === 0) { return; }
        top = Math.min(top, lr.top); bottom = Math.max(bottom, lr.bottom);
        left = Math.min(left, lr.left); right = Math.max(right, lr.right);
      });
    } else if (r.width === 0 && r.height === 0) {
      return; // not rendered (a closed <details>, display: none)
    }
    if (bottom - top === 0 && right - left === 0) { return; }
    if (bottom - top < min - 0.5) { out.push(name(n) + ' is ' + Math.round(bottom - top) + ' px tall (tap targets need ' + min + ')'); }
    if ((right > w + 1 || left < -1) && !scrollsAlone(n)) { out.push(name(n) + ' is cut off at the edge (' + Math.round(left) + '..' + Math.round(right) + ' of ' + w + ' px)'); }
  });
  return out;
}(` + "%d" + `))`

// Layout returns the layout problems of the page at the tab's current width.
func (tb *Tab) Layout() []string {
	tb.T.Helper()
	v, err := run(tb, chromedp.Evaluate[[]string](fmt.Sprintf(layoutJS, MinTarget)))
	if err != nil {
		tb.Fatalf("layout check: %v", err)
	}
	return v
}

// Resize sets the tab's viewport width (and keeps it for later pages).
func (tb *Tab) Resize(width int64) {
	tb.T.Helper()
	tb.Do(chromedp.EmulateViewport(width, viewportHeight))
	tb.Width = width
}

// Viewport sets the tab's viewport to width × height (a projector at
// 1280×720 or 1920×1080); later checks keep the width.
func (tb *Tab) Viewport(width, height int64) {
	tb.T.Helper()
	tb.Do(chromedp.EmulateViewport(width, height))
	tb.Width = width
}

// CheckWidths checks the layout of the page at each width (360 px phones
// and 1280 px laptops, say), then puts the tab back to its own width. Each
// width that fails gets a full-page screenshot named after page.
func (tb *Tab) CheckWidths(page string, widths ...int64) {
	tb.T.Helper()
	own := tb.Width
	for _, w := range widths {
		if w != tb.Width {
			tb.Resize(w)
			tb.Do(chromedp.Sleep(50 * time.Millisecond)) // let the page re-lay out
		}
		tb.Snap(fmt.Sprintf("%s-%dpx", fileName(page), w))
		if probs := tb.Layout(); len(probs) > 0 {
			shot := tb.Shot(fmt.Sprintf("%s-%dpx", fileName(page), w))
			tb.T.Errorf("%s at %d px (%s):\n  %s\n  screenshot: %s", page, w, tb.Path(), strings.Join(probs, "\n  "), shot)
		}
	}
	if tb.Width != own {
		tb.Resize(own)
	}
}

// AxeViolation is one failed axe-core rule on a page.
type AxeViolation struct {
	ID      string   `json:"id"`
	Impact  string   `json:"impact"`
	Help    string   `json:"help"`
	Targets []string `json:"targets"`
}

func (v AxeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s — %s", v.ID, v.Impact, v.Help, strings.Join(v.Targets, ", "))
}

// axeRunJS runs every axe-core rule that applies to WCAG 2.x A and AA and
// best practice on the whole document, and returns the violations with the
// CSS paths of the nodes that fail.
const axeRunJS = `axe.run(document, {resultTypes: ['violations']}).then(function (r) {
  return r.violations.map(function (v) {
    return {id: v.id, impact: v.impact || '', help: v.help,
      targets: v.nodes.slice(0, 8).map(function (n) { return n.target.join(' ') + (n.failureSummary ? ' [' + n.failureSummary.replace(/\s+/g, ' ').slice(0, 160) + ']' : ''); })};
  });
})`

// Axe injects axe-core (script is the text of axe.min.js) into the page and
// returns its violations. The script goes in through the DevTools protocol
// (Runtime.evaluate), which the page's Content-Security-Policy does not
// govern: the page itself never loads it.
func (tb *Tab) Axe(script string) []AxeViolation {
	tb.T.Helper()
	if !tb.True(`typeof window.axe === 'object'`) {
		if _, err := run(tb, chromedp.Evaluate[chromedp.Void](script)); err != nil {
			tb.Fatalf("injecting axe-core: %v", err)
		}
	}
	raw, err := run(tb, chromedp.Evaluate[[]byte](axeRunJS, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.Fatalf("running axe-core: %v", err)
	}
	var out []AxeViolation
	if err := json.Unmarshal(raw, &out); err != nil {
		tb.Fatalf("axe-core result: %v", err)
	}
	return out
}

// CheckAxe fails the test (with a screenshot) when axe-core finds a
// violation of impact "serious" or "critical" on the page.
func (tb *Tab) CheckAxe(page, script string) {
	tb.T.Helper()
	var bad []string
	for _, v := range tb.Axe(script) {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v.String())
		}
	}
	if len(bad) > 0 {
		shot := tb.Shot(fileName(page) + "-axe")
		tb.T.Errorf("%s (%s): accessibility violations:\n  %s\n  screenshot: %s", page, tb.Path(), strings.Join(bad, "\n  "), shot)
	}
}

// Join opens /join?code=… and submits the form, as a phone that scanned
// the QR code, and waits until the live screen is connected.
func (tb *Tab) Join(base, code string) {
	tb.T.Helper()
	tb.Open(base + "/join?lang=es&code=" + code)
	tb.ClickAndLoad(`form[action="/join"] button[type=submit]`)
	tb.Wait(`document.querySelector('#live') !== null`)
	tb.WaitOnline()
}

// WaitOnline waits until the live screen says it is connected.
func (tb *Tab) WaitOnline() {
	tb.T.Helper()
	tb.Wait(`document.querySelector('[data-status]').classList.contains('online')`)
}
