/*
 * H5P.PasserelleQuestion 1.0 — Passerelle's own H5P content type: one
 * question, several answers, one right. It follows the H5P content-type
 * contract (constructor(params, contentId, extras), attach($container),
 * getCurrentState for resuming, the Question-type scoring methods) and
 * reports through H5P's EventDispatcher: "attempted" when shown, then
 * "answered" (choice interaction, response, score) and "completed" with the
 * score when the learner checks the answer.
 *
 * Every text from the content goes through textContent: author input never
 * becomes markup.
 * SPDX-License-Identifier: AGPL-3.0-or-later
 */
var H5P = H5P || {};

H5P.PasserelleQuestion = (function (EventDispatcher) {
  "use strict";

  var LANGUAGE = "fr-FR";

  function text(value, fallback) {
    return typeof value === "string" && value.trim() ? value.trim() : fallback;
  }

  function PasserelleQuestion(params, contentId, extras) {
    EventDispatcher.call(this);
    params = params || {};
    var l10n = params.l10n || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.question = text(params.question, "");
    this.answers = (Array.isArray(params.answers) ? params.answers : []).map(function (a) {
      return { text: text(a && a.text, ""), correct: !!(a && a.correct), feedback: text(a && a.feedback, "") };
    });
    this.l10n = {
      check: text(l10n.check, "Vérifier ma réponse"),
      retry: text(l10n.retry, "Réessayer"),
      choose: text(l10n.choose, "Choisissez d'abord une réponse."),
      correct: text(l10n.correct, "Bonne réponse !"),
      wrong: text(l10n.wrong, "Ce n'est pas la bonne réponse."),
      score: text(l10n.score, "Score : :score sur :total"),
    };
    var state = this.extras.previousState || {};
    this.selected =
      typeof state.selected === "number" && state.selected >= 0 && state.selected < this.answers.length ? state.selected : null;
    this.checked = state.checked === true && this.selected !== null;
  }

  PasserelleQuestion.prototype = Object.create(EventDispatcher.prototype);
  PasserelleQuestion.prototype.constructor = PasserelleQuestion;

  PasserelleQuestion.prototype.correctIndex = function () {
    for (var i = 0; i < this.answers.length; i++) if (this.answers[i].correct) return i;
    return -1;
  };

  PasserelleQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = $container.get ? $container.get(0) : $container;
    root.classList.add("h5p-passerelle-question");
    root.textContent = "";
    var wrapper = document.createElement("div");
    wrapper.className = "pq";

    var fieldset = document.createElement("fieldset");
    fieldset.className = "pq-fieldset";
    var legend = document.createElement("legend");
    legend.className = "pq-question";
    legend.textContent = this.question;
    fieldset.appendChild(legend);
    var list = document.createElement("div");
    list.className = "pq-answers";
    this.inputs = [];
    this.labels = [];
    this.answers.forEach(function (answer, index) {
      var label = document.createElement("label");
      label.className = "pq-answer";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "pq-" + self.contentId;
      input.value = String(index);
      input.checked = self.selected === index;
      input.addEventListener("change", function () {
        self.selected = index;
        self.feedback.textContent = "";
      });
      var span = document.createElement("span");
      span.textContent = answer.text;
      label.appendChild(input);
      label.appendChild(span);
      list.appendChild(label);
      self.inputs.push(input);
      self.labels.push(label);
    });
    fieldset.appendChild(list);
    wrapper.appendChild(fieldset);

    var buttons = document.createElement("div");
    buttons.className = "pq-buttons";
    this.checkButton = document.createElement("button");
    this.checkButton.type = "button";
    this.checkButton.className = "pq-button";
    this.checkButton.textContent = this.l10n.check;
    this.checkButton.addEventListener("click", function () {
      self.check();
    });
    this.retryButton = document.createElement("button");
    this.retryButton.type = "button";
    this.retryButton.className = "pq-button pq-secondary";
    this.retryButton.textContent = this.l10n.retry;
    this.retryButton.hidden = true;
    this.retryButton.addEventListener("click", function () {
      self.resetTask();
      if (self.inputs[0]) self.inputs[0].focus();
    });
    buttons.appendChild(this.checkButton);
    buttons.appendChild(this.retryButton);
    wrapper.appendChild(buttons);

    this.feedback = document.createElement("p");
    this.feedback.className = "pq-feedback";
    this.feedback.setAttribute("role", "status");
    wrapper.appendChild(this.feedback);
    this.explanation = document.createElement("p");
    this.explanation.className = "pq-explanation";
    wrapper.appendChild(this.explanation);

    root.appendChild(wrapper);
    if (this.checked) this.showResult();
    this.setActivityStarted();
    this.trigger("resize");
  };

  PasserelleQuestion.prototype.check = function () {
    if (this.selected === null) {
      this.feedback.className = "pq-feedback pq-ko";
      this.feedback.textContent = this.l10n.choose;
      return;
    }
    this.checked = true;
    this.showResult();
    this.emitResult();
  };

  PasserelleQuestion.prototype.showResult = function () {
    var right = this.getScore() === 1;
    var correct = this.correctIndex();
    var self = this;
    this.inputs.forEach(function (input, index) {
      input.disabled = true;
      if (index === correct) self.labels[index].classList.add("pq-right");
      else if (index === self.selected) self.labels[index].classList.add("pq-wrong");
    });
    this.feedback.className = "pq-feedback " + (right ? "pq-ok" : "pq-ko");
    this.feedback.textContent =
      (right ? this.l10n.correct : this.l10n.wrong) +
      " " +
      this.l10n.score.replace(":score", String(this.getScore())).replace(":total", String(this.getMaxScore()));
    var chosen = this.answers[this.selected];
    this.explanation.textContent = chosen && chosen.feedback ? chosen.feedback : "";
    this.checkButton.hidden = true;
    this.retryButton.hidden = right;
    this.trigger("resize");
  };

  PasserelleQuestion.prototype.definition = function () {
    var description = {};
    description[LANGUAGE] = this.question;
    var name = {};
    name[LANGUAGE] = this.question.slice(0, 200);
    return {
      name: name,
      description: description,
      type: "http://adlnet.gov/expapi/activities/cmi.interaction",
      interactionType: "choice",
      correctResponsesPattern: [String(this.correctIndex())],
      choices: this.answers.map(function (answer, index) {
        var d = {};
        d[LANGUAGE] = answer.text;
        return { id: String(index), description: d };
      }),
    };
  };

  PasserelleQuestion.prototype.answeredEvent = function () {
    var event = this.createXAPIEventTemplate("answered");
    var object = event.data.statement.object;
    var extensions = (object.definition && object.definition.extensions) || {};
    object.definition = this.definition();
    object.definition.extensions = extensions;
    event.setScoredResult(this.getScore(), this.getMaxScore(), this, true, this.getScore() === this.getMaxScore());
    event.data.statement.result.response = String(this.selected);
    return event;
  };

  PasserelleQuestion.prototype.emitResult = function () {
    var score = this.getScore();
    var max = this.getMaxScore();
    this.trigger(this.answeredEvent());
    this.triggerXAPIScored(score, max, "completed", true, score === max);
  };

  // The H5P Question-type contract.
  PasserelleQuestion.prototype.getAnswerGiven = function () {
    return this.selected !== null;
  };
  PasserelleQuestion.prototype.getScore = function () {
    return this.checked && this.selected === this.correctIndex() ? 1 : 0;
  };
  PasserelleQuestion.prototype.getMaxScore = function () {
    return 1;
  };
  PasserelleQuestion.prototype.showSolutions = function () {
    if (this.selected === null) this.selected = this.correctIndex();
    this.checked = true;
    this.showResult();
  };
  PasserelleQuestion.prototype.resetTask = function () {
    var self = this;
    this.selected = null;
    this.checked = false;
    this.inputs.forEach(function (input, index) {
      input.disabled = false;
      input.checked = false;
      self.labels[index].classList.remove("pq-right", "pq-wrong");
    });
    this.feedback.textContent = "";
    this.explanation.textContent = "";
    this.checkButton.hidden = false;
    this.retryButton.hidden = true;
    this.trigger("resize");
  };
  PasserelleQuestion.prototype.getXAPIData = function () {
    return { statement: this.answeredEvent().data.statement };
  };
  /** Saved by H5P every `saveFreq` seconds and given back as extras.previousState. */
  PasserelleQuestion.prototype.getCurrentState = function () {
    return { selected: this.selected, checked: this.checked };
  };

  return PasserelleQuestion;
})(H5P.EventDispatcher);
