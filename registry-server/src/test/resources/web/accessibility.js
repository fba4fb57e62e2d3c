// Returns the problems an accessibility review would flag on the current page: controls without labels,
// images without text, heading structure, and text whose contrast against its background is below WCAG AA
// (4.5:1; 3:1 for large text). Run by CatalogAccessibilityTest through Selenium.
var problems = [];
function rgb(s) { return (s.match(/[\d.]+/g) || [0, 0, 0]).map(Number); }
function channel(v) { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
function luminance(c) { return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]); }
function background(e) {
  for (; e; e = e.parentElement) {
    var c = rgb(getComputedStyle(e).backgroundColor);
    if (c.length < 4 || c[3] > 0) { return c; }
  }
  return [255, 255, 255];
}
if (!document.documentElement.lang) { problems.push("<html> has no lang"); }
if (!document.title.trim()) { problems.push("the page has no title"); }
if (document.querySelectorAll("h1").length !== 1) { problems.push("expected one h1, found " + document.querySelectorAll("h1").length); }
if (!document.querySelector("main")) { problems.push("no <main> landmark"); }
document.querySelectorAll("input:not([type=hidden]):not([type=submit]), select, textarea").forEach(function (e) {
  if (!(e.labels && e.labels.length) && !e.getAttribute("aria-label")) { problems.push("no label: " + e.outerHTML.slice(0, 80)); }
});
document.querySelectorAll("img:not([alt]), svg:not([aria-hidden=true]):not([aria-label])").forEach(function (e) {
  problems.push("no text alternative: " + e.outerHTML.slice(0, 80));
});
document.querySelectorAll("a, button").forEach(function (e) {
  if (e.getClientRects().length && !e.textContent.trim() && !e.getAttribute("aria-label")) { problems.push("nameless " + e.tagName); }
});
document.querySelectorAll("body *").forEach(function (e) {
  var hasText = Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim(); });
  var style = getComputedStyle(e);
  if (!hasText || !e.getClientRects().length || style.visibility === "hidden") { return; }
  var fg = luminance(rgb(style.color)), bg = luminance(background(e));
  var ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
  var size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
  var needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
  if (ratio < needed) { problems.push("contrast " + ratio.toFixed(2) + " < " + needed + ": " + e.tagName + " \"" + e.textContent.trim().slice(0, 40) + "\""); }
});
return problems;
