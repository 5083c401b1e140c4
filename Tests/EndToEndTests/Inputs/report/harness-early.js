// Test harness, injected at the top of <head> in a copy of a `gpath report` page (never in
// the product): records console errors and uncaught exceptions from the page's own script.
window.__harnessErrors = [];
(function () {
  const original = console.error;
  console.error = function () {
    window.__harnessErrors.push(Array.prototype.map.call(arguments, String).join(" "));
    original.apply(console, arguments);
  };
  window.addEventListener("error", function (event) { window.__harnessErrors.push("uncaught: " + event.message); });
  window.addEventListener("unhandledrejection", function (event) { window.__harnessErrors.push("unhandled rejection: " + String(event.reason)); });
})();
