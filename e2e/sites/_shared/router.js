// Shared by every fixture page (served at /_shared/router.js on every fixture host).
// Each route's DOM lives in a <template data-route="<regex>">; the regex is tested against
// pathname + search + hash. The matching template is cloned into [data-fixture-mount].
// Links with data-spa-link navigate with history.pushState (no reload), like the real SPAs;
// hash links re-render on hashchange (Gmail). Sites register afterRender hooks, e.g. to attach
// shadow roots. Tests call TandemFixture.render(url) to render a route without navigating.
(function () {
  var hooks = [];

  function routeFor(url) {
    var u = new URL(url, location.href);
    var subject = u.pathname + u.search + u.hash;
    var templates = document.querySelectorAll('template[data-route]');
    for (var i = 0; i < templates.length; i++) {
      if (new RegExp(templates[i].getAttribute('data-route')).test(subject)) return templates[i];
    }
    return document.querySelector('template[data-route-fallback]');
  }

  function render(url) {
    var mount = document.querySelector('[data-fixture-mount]');
    if (!mount) return null;
    var tpl = routeFor(url || location.href);
    mount.replaceChildren();
    if (!tpl) return null;
    mount.appendChild(tpl.content.cloneNode(true));
    var title = tpl.getAttribute('data-title');
    if (title) document.title = title;
    mount.setAttribute('data-rendered-route', tpl.getAttribute('data-route') || 'fallback');
    for (var j = 0; j < hooks.length; j++) hooks[j](mount, new URL(url || location.href, location.href));
    // When the route's context is on the page: bench/overlay measures the overlay from here.
    if (window.performance && performance.mark) performance.mark('fixture-rendered');
    return tpl;
  }

  // Busy-page mode for bench/overlay: `perSecond` DOM mutations a second inside the mounted route
  // (a live list gaining and losing rows, like presence and activity feeds), until stop() is called.
  function mutate(perSecond) {
    var mount = document.querySelector('[data-fixture-mount]');
    var feed = document.createElement('div');
    feed.setAttribute('data-fixture-churn', '');
    feed.style.cssText = 'position:absolute;left:-9999px;top:0;width:200px';
    mount.appendChild(feed);
    var perTick = Math.max(1, Math.round(perSecond / 200)); // every 10 ms: perTick rows in, perTick out
    var n = 0;
    var timer = setInterval(function () {
      for (var k = 0; k < perTick; k++) {
        var row = document.createElement('div');
        row.textContent = 'activity ' + n++;
        feed.appendChild(row);
        if (feed.childNodes.length > 50) feed.removeChild(feed.firstChild);
      }
    }, 10);
    return { stop: function () { clearInterval(timer); feed.remove(); }, count: function () { return n; } };
  }

  function onClick(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest('a[data-spa-link]') : null;
    if (!link) return;
    event.preventDefault();
    history.pushState({}, '', link.getAttribute('href'));
    render(location.href);
  }

  // A reply editor and its send button. With draft: true it imitates Draft.js/Lexical: the editor
  // keeps its own state, updated only from beforeinput events, so text set directly on the DOM is
  // not "typed" and the send button stays disabled. Sent texts land in window.__fixtureSent.
  function composer(root, editorSelector, buttonSelector, opts) {
    var editor = root.querySelector(editorSelector);
    var button = root.querySelector(buttonSelector);
    if (!editor || !button) return;
    var draft = opts && opts.draft;
    var state = '';
    function current() { return draft ? state : (editor.textContent || '').trim(); }
    function sync() {
      if (current()) button.removeAttribute('disabled'); else button.setAttribute('disabled', '');
      button.setAttribute('aria-disabled', current() ? 'false' : 'true');
    }
    if (draft) {
      editor.addEventListener('beforeinput', function (e) {
        if (e.inputType === 'insertText' || e.inputType === 'insertFromPaste' || e.inputType === 'insertReplacementText') {
          e.preventDefault();
          state += e.data || (e.dataTransfer ? e.dataTransfer.getData('text/plain') : '');
        } else if (e.inputType === 'deleteContentBackward') {
          e.preventDefault();
          state = state.slice(0, -1);
        } else {
          return;
        }
        var block = editor.querySelector('[data-text-block]') || editor;
        block.textContent = state;
        sync();
      });
    } else {
      editor.addEventListener('input', sync);
    }
    button.addEventListener('click', function () {
      var sent = current();
      if (!sent) return;
      (window.__fixtureSent = window.__fixtureSent || []).push(sent);
      document.body.setAttribute('data-last-sent', sent);
      state = '';
      var block = editor.querySelector('[data-text-block]') || editor;
      block.textContent = '';
      sync();
    });
    sync();
  }

  window.TandemFixture = {
    render: render,
    composer: composer,
    mutate: mutate,
    afterRender: function (fn) { hooks.push(fn); },
    start: function () {
      document.addEventListener('click', onClick);
      window.addEventListener('popstate', function () { render(location.href); });
      window.addEventListener('hashchange', function () { render(location.href); });
      render(location.href);
    },
  };
})();
