/*
 * Starts the H5P player in Passerelle's H5P frame (/h5p/cadre/:contentId),
 * served as /h5p/lecteur/frame.js. The frame's own CSP lets scripts come only
 * from /h5p/lecteur/ and /h5p/bibliotheques/, so h5p-standalone runs in
 * "div" mode here (its "iframe" mode writes an inline script). H5P's xAPI
 * events go to the relay (relay.js); its state is saved to /h5p/etat/ and
 * given back on the next visit.
 * SPDX-License-Identifier: AGPL-3.0-or-later
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var status = document.getElementById("h5p-relay-status");

  function showStatus(s) {
    var text = "";
    if (s.state === "waiting") text = config.messages.waiting.replace("{{count}}", String(s.pending));
    else if (s.state === "idle" && s.sent) text = config.messages.saved;
    status.textContent = text;
    status.className = "relay-status" + (s.state === "waiting" ? " relay-waiting" : "");
  }

  var sentSomething = false;
  var relay = window.PasserelleRelay.createRelay({
    endpoint: config.relayUrl,
    storage: window.localStorage,
    key: "passerelle:xapi:" + config.userId,
    fetch: window.fetch.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    onChange: function (s) {
      showStatus({ state: s.state, pending: s.pending, sent: sentSomething });
    },
  });
  window.addEventListener("online", function () {
    relay.retryNow();
  });
  // Statements left from an earlier visit (closed tab, lost connection) go first.
  relay.flush();

  // The frame grows with its content, so the lesson page needs no script of its own.
  function fit() {
    var frame = window.frameElement;
    if (frame) frame.style.height = Math.ceil(document.documentElement.scrollHeight) + "px";
  }
  if (window.ResizeObserver) new ResizeObserver(fit).observe(document.body);

  var options = {
    id: config.contentId,
    h5pJsonPath: config.contentUrl,
    contentJsonPath: config.contentUrl + "/content",
    librariesPath: config.librariesUrl,
    frameJs: config.playerUrl + "/frame.bundle.js",
    frameCss: config.playerUrl + "/styles/h5p.css",
    embedType: "div",
    xAPIObjectIRI: config.activityIri,
    frame: false,
    copyright: false,
    export: false,
    icon: false,
    fullScreen: false,
    saveFreq: config.saveFreq,
    user: { name: config.userName, mail: config.userMail },
    ajax: { contentUserDataUrl: config.stateUrl },
    translations: config.translations,
    // h5p-standalone's name is inverted: false means "do not run H5P.init for me" — it is run
    // below, once the xAPI listener is in place, so the "attempted" statement is not missed.
    preventH5PInit: false,
  };
  if (config.state) options.contentUserData = [{ state: config.state }];

  new window.H5PStandalone.H5P(document.getElementById("h5p-container"), options).then(function () {
    window.H5P.externalDispatcher.on("xAPI", function (event) {
      sentSomething = true;
      relay.enqueue(event.data.statement, { contentId: config.contentId, lessonId: config.lessonId });
    });
    window.H5P.init();
    window.H5P.preventInit = false;
    document.documentElement.setAttribute("data-h5p-ready", "true");
    fit();
  });
})();
