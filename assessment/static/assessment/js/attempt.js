// The attempt page: autosave with sequence numbers, an offline queue kept in localStorage, a timer on
// the server's clock, progress and flags, and focus/tab events for the proctor. No inline script:
// everything comes from the page's data attributes and <script type="application/json" id="attempt-config">.
//
// Why it cannot lose an answer: every change gets the next sequence number of its question and is
// written to localStorage *before* it is sent; it leaves the queue only when the server acknowledges
// that number (or a higher one). A reload, a crash or a lost network keeps the queue, and the page
// re-applies it on load and sends it again. The server keeps the highest sequence, so re-sending is
// always safe.
(function () {
  "use strict";

  var configNode = document.getElementById("attempt-config");
  var root = document.querySelector("[data-attempt]");
  var form = document.getElementById("attempt-form");
  if (!configNode || !root || !form) { return; }
  var cfg = JSON.parse(configNode.textContent);
  var csrf = root.getAttribute("data-csrf");
  var storeKey = "hr-attempt-" + cfg.attempt;
  var saveState = document.querySelector("[data-save-state]");
  var timerNode = document.querySelector("[data-timer]");
  var answeredNode = document.querySelector("[data-answered]");

  // --- local state ---------------------------------------------------------------------------------
  function loadState() {
    try {
      var raw = window.localStorage.getItem(storeKey);
      var state = raw ? JSON.parse(raw) : null;
      if (state && state.seq && state.pending) { return state; }
    } catch (e) { /* private mode or corrupted: start afresh */ }
    return { seq: {}, pending: {} };
  }
  var state = loadState();
  Object.keys(cfg.sequences).forEach(function (q) {
    state.seq[q] = Math.max(state.seq[q] || 0, cfg.sequences[q]);
    var pending = state.pending[q];
    if (pending && pending.sequence <= cfg.sequences[q]) { delete state.pending[q]; }  // the server has it
  });
  function persist() {
    try { window.localStorage.setItem(storeKey, JSON.stringify(state)); } catch (e) { /* quota: keep in memory */ }
  }
  persist();

  // --- reading and writing the form -----------------------------------------------------------------
  function questionNode(q) { return form.querySelector('[data-question="' + q + '"]'); }
  function choicesOf(q) {
    var node = questionNode(q);
    return Array.prototype.map.call(node.querySelectorAll('input[name="q-' + q + '"]:checked'),
      function (input) { return parseInt(input.value, 10); });
  }
  function flaggedOf(q) {
    var flag = questionNode(q).querySelector("[data-flag]");
    return !!(flag && flag.checked);
  }
  function show(q, choices, flagged) {
    var node = questionNode(q);
    if (!node) { return; }
    Array.prototype.forEach.call(node.querySelectorAll('input[name="q-' + q + '"]'), function (input) {
      input.checked = choices.indexOf(parseInt(input.value, 10)) !== -1;
    });
    var flag = node.querySelector("[data-flag]");
    if (flag) { flag.checked = !!flagged; }
  }
  function refreshProgress() {
    var answered = 0;
    Array.prototype.forEach.call(form.querySelectorAll("[data-question]"), function (node) {
      var q = node.getAttribute("data-question");
      var has = choicesOf(q).length > 0;
      if (has) { answered += 1; }
      var nav = document.querySelector('[data-nav="' + q + '"]');
      if (nav) {
        nav.classList.toggle("is-answered", has);
        nav.classList.toggle("is-flagged", flaggedOf(q));
        nav.classList.toggle("is-pending", !!state.pending[q]);
      }
      var clear = node.querySelector("[data-clear]");
      if (clear) { clear.hidden = !has; }
    });
    if (answeredNode) { answeredNode.textContent = String(answered); }
    return answered;
  }

  // Answers changed on this device but not yet acknowledged survive a reload: put them back.
  Object.keys(state.pending).forEach(function (q) {
    show(q, state.pending[q].choices, state.pending[q].flagged);
  });

  // --- the save queue -------------------------------------------------------------------------------
  var inflight = null;
  var retryDelay = 1000;
  var retryTimer = null;
  var stopped = false;   // the server refuses saves now (finished, or past the grace period)
  var expired = false;   // the timer reached zero: no more changes, send the queue and finish
  var lastProblem = "";
  var acked = {};        // the highest sequence the server acknowledged, per question
  Object.keys(cfg.sequences).forEach(function (q) { acked[q] = cfg.sequences[q]; });

  function setStatus(kind) {
    if (!saveState) { return; }
    var text = saveState.getAttribute("data-text-" + kind);
    if (text) { saveState.textContent = text; }
    saveState.setAttribute("data-state", kind);
  }
  function pendingCount() { return Object.keys(state.pending).length; }

  function queue(q) {
    state.seq[q] = (state.seq[q] || 0) + 1;
    state.pending[q] = { choices: choicesOf(q), flagged: flaggedOf(q), sequence: state.seq[q] };
    persist();
    refreshProgress();
    flush();
  }

  function scheduleRetry() {
    if (retryTimer || stopped) { return; }
    retryTimer = window.setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function sendOne(q) {
    var item = state.pending[q];
    var started = Date.now();
    return window.fetch(cfg.saveUrl.replace("{q}", q), {
      method: "PUT", credentials: "same-origin", cache: "no-store",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Accept": "application/json" },
      body: JSON.stringify({ choices: item.choices, sequence: item.sequence, flagged: item.flagged })
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { status: response.status, body: body, rtt: Date.now() - started };
      });
    }).then(function (reply) {
      var current = state.pending[q];
      if (reply.status === 200) {
        syncClock(reply.body.server_time, started, reply.rtt);
        acked[q] = Math.max(acked[q] || 0, reply.body.sequence);
        state.seq[q] = Math.max(state.seq[q] || 0, reply.body.sequence);
        if (current && current.sequence <= reply.body.sequence) {
          delete state.pending[q];
          if (reply.body.status === "stale") { show(q, reply.body.choices, reply.body.flagged); }
        }
        return "ok";
      }
      var code = reply.body && reply.body.code;
      if (reply.status === 409 && code === "answer_sequence_conflict") {
        // Another device used this number: ours is the answer the taker sees, so send it again, higher.
        var details = reply.body.details || {};
        acked[q] = Math.max(acked[q] || 0, details.sequence || 0);
        state.seq[q] = Math.max(state.seq[q] || 0, details.sequence || 0) + 1;
        if (current) { current.sequence = state.seq[q]; }
        return "again";
      }
      if (reply.status === 409 && (code === "attempt_deadline_passed" || code === "attempt_finished")) {
        return "closed";
      }
      if (reply.status === 403 || reply.status === 401) { return "session"; }
      if (reply.status >= 500 || reply.status === 429) { return "retry"; }
      delete state.pending[q];  // refused for good (an option that is not there): keep the others going
      lastProblem = (reply.body && reply.body.message) || "";
      return "refused";
    }, function () { return "retry"; });  // no network
  }

  // Sends the queue one answer at a time; resolves when it is empty or cannot be sent now.
  function drain() {
    var keys = Object.keys(state.pending);
    if (!keys.length) { setStatus(lastProblem ? "error" : (expired ? "expired" : "saved")); return Promise.resolve(); }
    setStatus("saving");
    return sendOne(keys[0]).then(function (outcome) {
      persist();
      refreshProgress();
      if (outcome === "ok" || outcome === "again" || outcome === "refused") {
        retryDelay = 1000;
        return drain();
      }
      if (outcome === "closed") { stopped = true; setStatus("expired"); return finishNow(); }
      setStatus(outcome === "session" ? "session" : "offline");
      scheduleRetry();
      return undefined;
    });
  }
  function flush() {
    if (inflight) { return inflight; }
    if (stopped) { return Promise.resolve(); }
    var done = function () { inflight = null; };
    inflight = drain().then(done, done);
    return inflight;
  }

  form.addEventListener("change", function (event) {
    var node = event.target.closest("[data-question]");
    if (!node || stopped || expired) { return; }
    queue(node.getAttribute("data-question"));
  });
  form.addEventListener("click", function (event) {
    var clear = event.target.closest("[data-clear]");
    if (!clear) { return; }
    var node = clear.closest("[data-question]");
    Array.prototype.forEach.call(node.querySelectorAll('input[name^="q-"]'), function (input) { input.checked = false; });
    queue(node.getAttribute("data-question"));
  });
  window.addEventListener("online", function () { retryDelay = 1000; flush(); });

  // --- finishing ------------------------------------------------------------------------------------
  // The form itself carries every answer. Each hidden seq-<question> says which stored answer the page
  // knows; the server saves the form's answer only where that is still the stored one, so an answer
  // that did reach the server is never overwritten by the form, and one that did not is saved now.
  var finishing = false;
  function finishNow() {
    if (finishing) { return Promise.resolve(); }
    finishing = true;
    sendEvents();
    Object.keys(acked).forEach(function (q) {
      var hidden = form.querySelector('input[name="seq-' + q + '"]');
      if (hidden) { hidden.value = String(acked[q]); }
    });
    HTMLFormElement.prototype.submit.call(form);
    return Promise.resolve();
  }
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (finishing) { return; }
    var unanswered = refreshProgress() < form.querySelectorAll("[data-question]").length;
    var question = form.getAttribute(unanswered ? "data-confirm-unanswered" : "data-finish-confirm");
    if (question && !window.confirm(question)) { return; }
    var go = function () { finishNow(); };
    flush().then(go, go);
    window.setTimeout(go, 5000);  // a hung request must not keep the taker waiting
  }, true);

  // --- the timer, on the server's clock -------------------------------------------------------------
  // offset = server time - device time. The page's render time gives a first estimate; every save reply
  // refines it (the fastest round trip wins, its midpoint is closest to when the server spoke).
  var offset = Date.parse(cfg.serverTime) - Date.now();
  var bestRtt = Infinity;
  function syncClock(serverTime, sentAt, rtt) {
    if (!serverTime || rtt >= bestRtt) { return; }
    bestRtt = rtt;
    offset = Date.parse(serverTime) - (sentAt + rtt / 2);
  }
  var deadline = Date.parse(cfg.deadline);
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function tick() {
    var left = Math.max(0, deadline - (Date.now() + offset));
    var seconds = Math.floor(left / 1000);
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    if (timerNode) {
      timerNode.textContent = (h ? h + ":" + pad(m) : String(m)) + ":" + pad(s);
      var box = timerNode.closest(".timer");
      box.classList.toggle("is-low", seconds <= 300);
      box.classList.toggle("is-over", seconds === 0);
    }
    if (left <= 0 && !expired) {
      // The server still accepts saves for the grace period after the deadline: send the queue, then finish.
      expired = true;
      setStatus("expired");
      Array.prototype.forEach.call(form.querySelectorAll("input[type=radio], input[type=checkbox]"),
        function (input) { input.disabled = true; });
      var go = function () {
        Array.prototype.forEach.call(form.querySelectorAll("input"), function (input) { input.disabled = false; });
        finishNow();
      };
      flush().then(go, go);
      window.setTimeout(go, 20000);
      return;
    }
    if (left > 0) { window.setTimeout(tick, 1000 - ((Date.now() + offset) % 1000)); }
  }
  tick();

  // --- proctoring events ----------------------------------------------------------------------------
  var events = [];
  function note(kind) {
    events.push({ kind: kind, at: new Date(Date.now() + offset).toISOString() });
    if (events.length >= 20) { sendEvents(); }
  }
  function sendEvents() {
    if (!events.length) { return; }
    var batch = events.splice(0, 50);
    window.fetch(cfg.eventsUrl, {
      method: "POST", credentials: "same-origin", keepalive: true,
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf },
      body: JSON.stringify({ events: batch })
    }).catch(function () { events = batch.concat(events); });
  }
  document.addEventListener("visibilitychange", function () {
    note(document.visibilityState === "hidden" ? "tab_hidden" : "tab_visible");
    if (document.visibilityState === "hidden") { sendEvents(); }
  });
  window.addEventListener("blur", function () { note("focus_lost"); });
  window.addEventListener("focus", function () { note("focus_back"); });
  window.addEventListener("offline", function () { note("offline"); setStatus("offline"); });
  window.addEventListener("online", function () { note("online"); });
  window.setInterval(sendEvents, 10000);

  // Leaving with unsent answers: they stay in this browser, but say so.
  window.addEventListener("beforeunload", function (event) {
    if (pendingCount() && !finishing) { event.preventDefault(); event.returnValue = ""; }
  });

  // On a phone the question grid starts folded: the questions come first.
  var fold = document.querySelector("[data-fold-on-phone]");
  if (fold && window.matchMedia && window.matchMedia("(max-width: 900px)").matches) { fold.open = false; }
  // Jumping to a question from the grid on a phone folds the grid again.
  document.addEventListener("click", function (event) {
    if (fold && event.target.closest("[data-nav]") && window.matchMedia("(max-width: 900px)").matches) {
      fold.open = false;
    }
  });

  refreshProgress();
  flush();
})();
