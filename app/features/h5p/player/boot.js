/*
 * Starts the H5P player in the player frame (/h5p/jeu/:contentId), served
 * as /h5p/lecteur/boot.js, before h5p-standalone's main.bundle.js. This
 * document has an opaque origin (decision 029): it holds no session and no
 * storage of the site, so what concerns the learner goes through the host
 * frame around it, by postMessage — statements, the saved state, the
 * height. Libraries may evaluate strings here ('unsafe-eval').
 * SPDX-License-Identifier: AGPL-3.0-or-later
 */
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("h5p-config").textContent);
  var host = window.parent;

  function send(message) {
    host.postMessage(message, config.hostOrigin);
  }

  // An opaque origin has no Web Storage: reading window.localStorage throws.
  // H5P core and libraries use it (the anonymous xAPI actor, the clipboard,
  // the offline queue), so they get a storage that lives as long as the page.
  function memoryStorage() {
    var data = {};
    return {
      get length() {
        return Object.keys(data).length;
      },
      key: function (i) {
        return Object.keys(data)[i] || null;
      },
      getItem: function (k) {
        return Object.prototype.hasOwnProperty.call(data, k) ? data[k] : null;
      },
      setItem: function (k, v) {
        data[k] = String(v);
      },
      removeItem: function (k) {
        delete data[k];
      },
      clear: function () {
        data = {};
      },
    };
  }
  ["localStorage", "sessionStorage"].forEach(function (name) {
    try {
      void window[name];
    } catch {
      Object.defineProperty(window, name, { value: memoryStorage(), configurable: true });
    }
  });

  // h5p-standalone fills its defaults from location.origin, which is "null" here.
  window.H5PIntegration = { baseUrl: config.site, url: config.site + "/h5p" };

  /** H5P core's user-data calls, answered from the preloaded state or through the host. */
  function userDataThroughHost(H5P) {
    var cache = {};
    var pending = {};
    var nextId = 1;
    if (config.state) cache["0/state"] = config.state;
    function parsed(text, done) {
      try {
        done(undefined, JSON.parse(text));
      } catch (error) {
        done(error);
      }
    }
    H5P.getUserData = function (contentId, dataId, done, subContentId) {
      var sub = String(subContentId || 0);
      var key = sub + "/" + dataId;
      if (Object.prototype.hasOwnProperty.call(cache, key)) return parsed(cache[key], done);
      if (key === "0/state") return done();
      var id = nextId++;
      pending[id] = function (text) {
        if (typeof text !== "string") return done();
        cache[key] = text;
        parsed(text, done);
      };
      send({ type: "get-data", requestId: id, dataType: dataId, subContentId: sub });
    };
    H5P.setUserData = function (contentId, dataId, data, extras) {
      var options = H5P.jQuery.extend(true, {}, { subContentId: 0, preloaded: true, deleteOnChange: false }, extras);
      var text;
      try {
        text = JSON.stringify(data);
      } catch (error) {
        if (options.errorCallback) options.errorCallback(error);
        return;
      }
      var sub = String(options.subContentId);
      if (cache[sub + "/" + dataId] === text) return;
      cache[sub + "/" + dataId] = text;
      send({ type: "set-data", dataType: dataId, subContentId: sub, data: text, preload: !!options.preloaded, invalidate: !!options.deleteOnChange });
    };
    H5P.deleteUserData = function (contentId, dataId, subContentId) {
      var sub = String(subContentId || 0);
      delete cache[sub + "/" + dataId];
      send({ type: "set-data", dataType: dataId, subContentId: sub, data: null });
    };
    window.addEventListener("message", function (event) {
      if (event.source !== host) return;
      var message = event.data;
      if (!message || message.type !== "data" || !pending[message.requestId]) return;
      var answer = pending[message.requestId];
      delete pending[message.requestId];
      answer(message.data);
    });
  }

  /** H5P's question-type contract: an instance that can give a score reports a result. */
  function reportsResults(H5P) {
    var instance = H5P.instances && H5P.instances[0];
    try {
      return !!instance && typeof instance.getScore === "function" && typeof instance.getMaxScore === "function" && instance.getMaxScore() > 0;
    } catch {
      return false;
    }
  }

  function watchHeight(container) {
    var last = 0;
    function report() {
      var height = Math.ceil(container.getBoundingClientRect().bottom + window.scrollY) + 8;
      if (height === last) return;
      last = height;
      send({ type: "height", height: height });
    }
    if (window.ResizeObserver) new ResizeObserver(report).observe(document.body);
    report();
  }

  function start() {
    var container = document.getElementById("h5p-container");
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
      translations: config.translations,
      assetsRequestFetchOptions: { credentials: "omit" },
      // h5p-standalone's name is inverted: false means "do not run H5P.init for me" — it is run
      // below, once the listeners are in place, so the "attempted" statement is not missed.
      preventH5PInit: false,
    };
    new window.H5PStandalone.H5P(container, options).then(function () {
      var H5P = window.H5P;
      userDataThroughHost(H5P);
      H5P.externalDispatcher.on("xAPI", function (event) {
        // A plain copy: what H5P builds may carry values postMessage cannot clone.
        send({ type: "statement", statement: JSON.parse(JSON.stringify(event.data.statement)) });
      });
      H5P.init();
      H5P.preventInit = false;
      document.documentElement.setAttribute("data-h5p-ready", "true");
      send({ type: "ready", reportsResults: reportsResults(H5P) });
      watchHeight(container);
    });
  }

  document.addEventListener("DOMContentLoaded", start);
})();
