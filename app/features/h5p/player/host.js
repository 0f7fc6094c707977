/*
 * The host frame of an H5P activity (/h5p/cadre/:contentId), served as
 * /h5p/lecteur/host.js. It frames the player document, whose origin is
 * opaque (decision 029), and does for it what needs the learner's session:
 * it queues and relays the statements the player posts (relay.js), saves
 * and reads the learner's state, sizes both frames, and offers a manual
 * completion when the content type reports no result. It takes messages
 * from the player frame only, and only these shapes; the server checks
 * everything again (the statement's activity, the state's size).
 * SPDX-License-Identifier: AGPL-3.0-or-later
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-host-config").textContent);
  var player = document.getElementById("h5p-player");
  var status = document.getElementById("h5p-relay-status");
  var manual = document.getElementById("h5p-manual");
  var manualButton = document.getElementById("h5p-manual-button");
  var finished = document.getElementById("h5p-finished");
  var context = { contentId: config.contentId, lessonId: config.lessonId, openedAt: config.openedAt };
  var DATA_TYPE = /^[a-z][a-zA-Z0-9_-]{0,40}$/;
  var SUB_CONTENT = /^[a-zA-Z0-9_-]{1,64}$/;
  var MAX_TEXT = 65536;
  var plural = new Intl.PluralRules(config.locale);
  var declaredId = null;
  var declared = false;

  function fill(forms, count) {
    return forms[plural.select(count) === "one" ? "one" : "other"].replace("{{count}}", String(count));
  }

  function showStatus(s) {
    var parts = [];
    var kind = "";
    if (s.refused > 0) {
      parts.push(fill(config.messages.refused, s.refused));
      kind = " relay-refused";
    }
    if (s.state === "waiting") {
      parts.push(fill(config.messages.waiting, s.pending));
      kind = kind || " relay-waiting";
    } else if (declared) {
      parts.push(config.messages.declared);
    } else if (s.state === "idle" && s.saved > 0 && s.refused === 0) {
      parts.push(config.messages.saved);
    }
    status.textContent = parts.join(" ");
    status.className = "relay-status" + kind;
  }

  function onResult(result) {
    if (!declaredId) return;
    if (result.stored.indexOf(declaredId) >= 0 || result.duplicates.indexOf(declaredId) >= 0) {
      declared = true;
      manual.hidden = true;
      finished.hidden = false;
      fit();
    } else if (result.rejected.some(function (r) { return r.id === declaredId; })) {
      manualButton.disabled = false;
    }
  }

  var relay = window.PasserelleRelay.createRelay({
    endpoint: config.relayUrl,
    storage: window.localStorage,
    key: "passerelle:xapi:" + config.userId,
    fetch: window.fetch.bind(window),
    setTimeout: window.setTimeout.bind(window),
    clearTimeout: window.clearTimeout.bind(window),
    onChange: showStatus,
    onResult: onResult,
  });
  window.addEventListener("online", function () {
    relay.retryNow();
  });
  // Statements left from an earlier visit (closed tab, lost connection) go first.
  relay.flush();

  // The host grows with the player, so the lesson page needs no script of its own.
  function fit() {
    var frame = window.frameElement;
    if (frame) frame.style.height = Math.ceil(document.documentElement.offsetHeight) + "px";
  }
  if (window.ResizeObserver) new ResizeObserver(fit).observe(document.body);

  function dataUrl(message) {
    return config.stateUrl + "/" + config.contentId + "/" + message.dataType + "/" + message.subContentId;
  }

  // Saves go one after the other, so an older state never lands after a newer one.
  var saving = Promise.resolve();
  function saveData(message) {
    if (message.data !== null && (typeof message.data !== "string" || message.data.length > MAX_TEXT)) return;
    var body = new URLSearchParams({
      data: message.data === null ? "0" : message.data,
      preload: message.preload ? "1" : "0",
      invalidate: message.invalidate ? "1" : "0",
    });
    saving = saving
      .then(function () {
        return fetch(dataUrl(message), { method: "POST", credentials: "same-origin", body: body, keepalive: true });
      })
      .catch(function () {});
  }

  function loadData(message) {
    function answer(data) {
      player.contentWindow.postMessage({ type: "data", requestId: message.requestId, data: data }, "*");
    }
    fetch(dataUrl(message), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (body) {
        answer(body && body.success && typeof body.data === "string" ? body.data : null);
      })
      .catch(function () {
        answer(null);
      });
  }

  manualButton.addEventListener("click", function () {
    manualButton.disabled = true;
    var name = {};
    name[config.locale] = config.title;
    var extensions = {};
    extensions[config.declaredIri] = true;
    declaredId = relay.enqueue(
      {
        verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
        object: { id: config.activityIri, objectType: "Activity", definition: { name: name } },
        result: { completion: true, extensions: extensions },
      },
      context,
    );
  });

  window.addEventListener("message", function (event) {
    // The player document's origin is opaque ("null"): what identifies it is its window.
    if (event.source !== player.contentWindow) return;
    var message = event.data;
    if (!message || typeof message !== "object" || typeof message.type !== "string") return;
    var scoped = typeof message.dataType === "string" && DATA_TYPE.test(message.dataType) && typeof message.subContentId === "string" && SUB_CONTENT.test(message.subContentId);
    switch (message.type) {
      case "statement":
        if (message.statement && typeof message.statement === "object" && JSON.stringify(message.statement).length <= MAX_TEXT) {
          relay.enqueue(message.statement, context);
        }
        break;
      case "set-data":
        if (scoped) saveData(message);
        break;
      case "get-data":
        if (scoped && typeof message.requestId === "number") loadData(message);
        break;
      case "height":
        if (typeof message.height === "number" && message.height > 0 && message.height < 20000) {
          player.style.height = Math.ceil(message.height) + "px";
          fit();
        }
        break;
      case "ready":
        document.documentElement.setAttribute("data-h5p-ready", "true");
        if (message.reportsResults === false && !config.finished) manual.hidden = false;
        fit();
        break;
      default:
      // H5P core's own resizer messages ({ context: "h5p" }) and anything else: ignored.
    }
  });
})();
