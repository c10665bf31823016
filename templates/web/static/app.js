/* policygen serve: live preview. Posts the form, shows errors beside fields, and
   marks the clauses of the policy that a change altered. No libraries, no network
   but this server. */
(function () {
  "use strict";

  var form = document.getElementById("questions");
  var frame = document.getElementById("preview-frame");
  var statusLine = document.getElementById("preview-status");
  var data = JSON.parse(document.getElementById("page-data").textContent);
  var ui = data.ui;
  var fingerprints = data.clauses;
  var refusals = data.refusals;
  var refusedBox = document.getElementById("download-refused");
  var refusedKind = null; // the download last refused, while its reasons are shown
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var sequence = 0;
  var timer = null;
  var pending = null; // what to do once the new preview has loaded

  document.getElementById("update-button").hidden = true;

  function say(text) {
    statusLine.textContent = text;
  }

  function frameDocument() {
    try {
      return frame.contentDocument;
    } catch (error) {
      return null;
    }
  }

  function clauseTitle(doc, anchor) {
    var element = doc && doc.getElementById(anchor);
    var heading = element && element.querySelector("h2");
    return heading ? heading.textContent.replace(/\s+/g, " ").trim() : anchor;
  }

  function listed(titles) {
    if (titles.length <= 3) return titles.join("; ");
    return titles.slice(0, 3).join("; ") + " " + ui.more.replace("{n}", String(titles.length - 3));
  }

  function showProblems(kind, problems) {
    var nodes = form.querySelectorAll(".field-" + kind);
    for (var i = 0; i < nodes.length; i++) {
      var key = nodes[i].getAttribute("data-for");
      var message = problems[key] || "";
      nodes[i].textContent = message;
      if (kind === "error") {
        var inputs = form.querySelectorAll('[name="' + CSS.escape(key) + '"]');
        for (var j = 0; j < inputs.length; j++) {
          if (message) inputs[j].setAttribute("aria-invalid", "true");
          else inputs[j].removeAttribute("aria-invalid");
        }
      }
    }
  }

  function showGeneral(messages) {
    var box = document.getElementById("general-errors");
    var list = box.querySelector("ul");
    list.textContent = "";
    messages.forEach(function (message) {
      var item = document.createElement("li");
      item.textContent = message;
      list.appendChild(item);
    });
    box.hidden = messages.length === 0;
  }

  function showApplicable(hidden) {
    var fields = form.querySelectorAll(".field[data-key]");
    for (var i = 0; i < fields.length; i++) {
      fields[i].hidden = hidden.indexOf(fields[i].getAttribute("data-key")) !== -1;
    }
  }

  // Scroll the preview only: scrollIntoView() would scroll this page too, under the pointer.
  function reveal(doc, element) {
    var view = doc.defaultView;
    view.scrollTo(0, element.getBoundingClientRect().top + view.scrollY - 24);
  }

  function mark(doc, anchors) {
    anchors.forEach(function (anchor) {
      var element = doc.getElementById(anchor);
      if (!element) return;
      element.classList.add("pg-changed");
      element.style.outline = "3px solid #c98a12";
      element.style.outlineOffset = "0.3rem";
      element.style.backgroundColor = "#fff6df";
      element.style.borderRadius = "2px";
    });
  }

  // Beside the download buttons: why this download cannot be made, each reason a link to its field.
  function showRefused(kind) {
    var reasons = kind ? refusals[kind] || [] : [];
    var list = refusedBox.querySelector("ul");
    list.textContent = "";
    reasons.forEach(function (reason) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + reason.target;
      link.textContent = reason.text;
      item.appendChild(link);
      list.appendChild(item);
    });
    refusedKind = reasons.length ? kind : null;
    refusedBox.hidden = !reasons.length;
  }

  form.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (!button || button.id.indexOf("download-") !== 0) return;
    var kind = button.id.slice("download-".length);
    if (!(refusals[kind] || []).length) return;
    event.preventDefault();
    showRefused(kind);
  });

  refusedBox.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a") : null;
    var note = link && document.getElementById(link.getAttribute("href").slice(1));
    var holder = note && (note.closest(".contact-part") || note.closest(".field"));
    var input = holder && holder.querySelector("input:not([type=hidden])");
    if (!input) return;
    event.preventDefault();
    input.focus();
  });

  function apply(result, field) {
    refusals = result.refusals;
    if (refusedKind) showRefused(refusedKind);
    showProblems("error", result.errors);
    showProblems("warning", result.warnings);
    showGeneral(result.general);
    showApplicable(result.hidden);
    if (!result.html) {
      frame.classList.add("is-stale");
      say(ui.waiting);
      return;
    }
    var before = frameDocument();
    var changed = [];
    var removed = [];
    Object.keys(result.clauses).forEach(function (anchor) {
      if (fingerprints[anchor] !== result.clauses[anchor]) changed.push(anchor);
    });
    var order = before ? Array.prototype.map.call(before.querySelectorAll("section.clause[id]"), function (element) {
      return element.id;
    }) : Object.keys(fingerprints);
    var next = null; // where removed clauses stood: the first clause after them that stays
    order.forEach(function (anchor) {
      if (!(anchor in result.clauses)) removed.push(clauseTitle(before, anchor));
      else if (removed.length && next === null) next = anchor;
    });
    fingerprints = result.clauses;
    pending = {
      changed: changed,
      removed: removed,
      next: next,
      scroll: before && before.defaultView ? before.defaultView.scrollY : 0,
      follow: field && field.getAttribute("data-clauses") !== "",
      stale: !result.ok || result.placeholder,
    };
    frame.srcdoc = result.html;
  }

  frame.addEventListener("load", function () {
    var doc = frameDocument();
    if (!doc || !pending) return;
    var done = pending;
    pending = null;
    frame.classList.toggle("is-stale", !!done.stale && !done.changed.length && !done.removed.length);
    mark(doc, done.changed);
    var first = doc.getElementById(done.changed.length ? done.changed[0] : done.next || "");
    if (first && done.follow) reveal(doc, first);
    else doc.defaultView.scrollTo(0, done.scroll);
    var parts = [ui.updated];
    if (done.changed.length) {
      parts.push(ui.changed + " " + listed(done.changed.map(function (a) { return clauseTitle(doc, a); })) + ".");
    }
    if (done.removed.length) parts.push(ui.removed + " " + listed(done.removed) + ".");
    if (done.stale) parts.push(ui.placeholder);
    say(parts.join(" "));
  });

  function update(field) {
    var mine = ++sequence;
    frame.setAttribute("aria-busy", "true");
    fetch(form.getAttribute("data-preview-url"), {
      method: "POST",
      headers: { "X-CSRF-Token": token },
      body: new URLSearchParams(new FormData(form)),
      credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      })
      .then(function (result) {
        if (mine === sequence) apply(result, field);
      })
      .catch(function () {
        if (mine === sequence) say(ui.failed);
      })
      .finally(function () {
        if (mine === sequence) frame.removeAttribute("aria-busy");
      });
  }

  function fieldOf(element) {
    return element.closest ? element.closest(".field") : null;
  }

  form.addEventListener("change", function (event) {
    window.clearTimeout(timer);
    update(fieldOf(event.target));
  });
  form.addEventListener("input", function (event) {
    if (event.target.type === "radio") return;
    window.clearTimeout(timer);
    var field = fieldOf(event.target);
    timer = window.setTimeout(function () { update(field); }, 350);
  });

  // Moving to a decision point shows the clauses it changes.
  form.addEventListener("focusin", function (event) {
    var field = fieldOf(event.target);
    var doc = frameDocument();
    if (!field || !doc) return;
    var anchors = (field.getAttribute("data-clauses") || "").split(" ").filter(Boolean);
    for (var i = 0; i < anchors.length; i++) {
      var element = doc.getElementById(anchors[i]);
      if (element) {
        reveal(doc, element);
        return;
      }
    }
  });
})();
