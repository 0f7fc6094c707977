/*
 * Passerelle's xAPI relay, in the H5P frame (served as /h5p/lecteur/relay.js).
 * Each statement H5P emits gets its id and timestamp here, once, and is
 * written to localStorage before anything is sent; batches are POSTed to the
 * relay endpoint with the session cookie and removed from the queue only
 * when the server has acknowledged them. Failures are retried with
 * exponential backoff (and at once when the browser says it is back online),
 * so a statement sent during a network drop arrives later, and exactly once:
 * the server stores a statement id once. Each answer of the server is passed
 * on (`onResult`): a statement the server refused is counted as refused and
 * never as saved.
 * SPDX-License-Identifier: AGPL-3.0-or-later
 */
(function (root) {
  "use strict";

  function uuid(random) {
    if (root.crypto && typeof root.crypto.randomUUID === "function") return root.crypto.randomUUID();
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.floor(random() * 16);
      return (c === "x" ? r : (r & 3) | 8).toString(16);
    });
  }

  /**
   * options: endpoint, storage (localStorage-like), key, fetch, setTimeout,
   * clearTimeout, random, now, batchSize, baseDelayMs, maxDelayMs,
   * onChange({ state, pending, saved, refused }) — counts since the page opened —
   * and onResult({ stored, duplicates, rejected }) after each answered batch.
   */
  function createRelay(options) {
    var storage = options.storage;
    var key = options.key;
    var doFetch = options.fetch;
    var later = options.setTimeout;
    var cancel = options.clearTimeout;
    var random = options.random || Math.random;
    var now = options.now || function () { return new Date(); };
    var batchSize = options.batchSize || 20;
    var baseDelay = options.baseDelayMs || 1000;
    var maxDelay = options.maxDelayMs || 30000;
    var onChange = options.onChange || function () {};
    var onResult = options.onResult || function () {};
    var saved = 0;
    var refused = 0;
    var inFlight = false;
    var timer = null;
    var failures = 0;

    function load() {
      try {
        var items = JSON.parse(storage.getItem(key) || "[]");
        return Array.isArray(items) ? items : [];
      } catch {
        return [];
      }
    }

    function save(items) {
      storage.setItem(key, JSON.stringify(items));
    }

    function report(state) {
      onChange({ state: state, pending: load().length, saved: saved, refused: refused });
    }

    function schedule() {
      failures += 1;
      var delay = Math.min(maxDelay, baseDelay * Math.pow(2, failures - 1));
      delay = Math.round(delay * (0.75 + random() / 2));
      timer = later(function () {
        timer = null;
        flush();
      }, delay);
      report("waiting");
    }

    function acknowledge(ids) {
      var done = {};
      ids.forEach(function (id) { done[id] = true; });
      // Re-read: other frames of the page may have queued statements meanwhile.
      save(load().filter(function (item) { return !done[item.statement.id]; }));
    }

    function flush() {
      if (inFlight || timer) return;
      var items = load();
      if (items.length === 0) {
        failures = 0;
        report("idle");
        return;
      }
      var batch = items.slice(0, batchSize);
      inFlight = true;
      report("sending");
      Promise.resolve()
        .then(function () {
          return doFetch(options.endpoint, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", Accept: "application/json" },
            body: JSON.stringify({ statements: batch }),
          });
        })
        .then(function (response) {
          if (response.ok) {
            return response.json().then(function (body) {
              var stored = body.stored || [];
              var duplicates = body.duplicates || [];
              var rejected = body.rejected || [];
              saved += stored.length + duplicates.length;
              refused += rejected.length;
              acknowledge([].concat(stored, duplicates, rejected.map(function (r) { return r.id; })));
              inFlight = false;
              failures = 0;
              onResult({ stored: stored, duplicates: duplicates, rejected: rejected });
              flush();
            });
          }
          // A request the server will never accept (malformed) is dropped — and
          // counted as refused, never as saved; anything else is retried.
          if (response.status === 400 || response.status === 413) {
            var ids = batch.map(function (item) { return item.statement.id; });
            refused += ids.length;
            acknowledge(ids);
            inFlight = false;
            onResult({ stored: [], duplicates: [], rejected: ids.map(function (id) { return { id: id, error: "http_" + response.status }; }) });
            flush();
            return;
          }
          throw new Error("relay answered " + response.status);
        })
        .catch(function () {
          inFlight = false;
          schedule();
        });
    }

    return {
      /** Queues an H5P statement (its id and timestamp are fixed here, for every retry). */
      enqueue: function (statement, context) {
        var copy = JSON.parse(JSON.stringify(statement));
        if (!copy.id) copy.id = uuid(random);
        if (!copy.timestamp) copy.timestamp = now().toISOString();
        var items = load();
        items.push({ statement: copy, contentId: context.contentId, lessonId: context.lessonId || null, openedAt: context.openedAt || null });
        save(items);
        flush();
        return copy.id;
      },
      flush: flush,
      /** The network is back: try now rather than at the end of the backoff. */
      retryNow: function () {
        if (timer) {
          cancel(timer);
          timer = null;
        }
        flush();
      },
      pending: function () {
        return load().length;
      },
    };
  }

  root.PasserelleRelay = { createRelay: createRelay };
})(typeof window !== "undefined" ? window : globalThis);
