// The console's only script (served from the assembly; the CSP allows no inline script). Progressive: every page
// works without it.
(function () {
  'use strict';

  // A request page refreshes itself while its workflow runs: it polls the request's version and reloads when it
  // changed, unless the officer is typing into a form.
  function watch(live) {
    var url = live.getAttribute('data-live');
    var version = live.getAttribute('data-version');
    var typing = false;
    live.addEventListener('input', function () { typing = true; });
    setInterval(function () {
      if (typing || document.hidden) { return; }
      fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (state) {
          if (state && String(state.version) !== version) { window.location.reload(); }
        })
        .catch(function () { /* the next poll tries again */ });
    }, 2000);
  }

  // A task answer shows the fields of the chosen outcome only.
  function outcomes(form) {
    function update() {
      var chosen = form.querySelector('input[name="outcome"]:checked');
      var value = chosen ? chosen.value : '';
      form.querySelectorAll('fieldset.retained, fieldset.failed').forEach(function (set) {
        set.hidden = !set.classList.contains(value);
      });
    }
    form.addEventListener('change', update);
    update();
  }

  document.addEventListener('DOMContentLoaded', function () {
    var live = document.getElementById('live');
    if (live) { watch(live); }
    document.querySelectorAll('form.answer').forEach(outcomes);
  });
})();
