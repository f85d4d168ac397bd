// The recipient picker (org/_recipient_picker.html). Without this file the field is plain grouped
// checkboxes; with it: search by name or pinyin, a whole town/street or every community/village at once,
// saved groups, and a summary with removable chips. The summary's wording mirrors
// qingzhuang/org/picker.py:summary_parts, which renders the same words before this script runs.
(function () {
  "use strict";
  var SINGLES = 3;

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (_m, key) { return values[key] === undefined ? "" : String(values[key]); });
  }

  function normal(text) {
    return text.toLowerCase().replace(/[\s'’\u3000]/g, "");
  }

  function setup(root) {
    // Two pickers on one page load this file twice: each picker is set up once.
    if (root.dataset.ready) { return; }
    root.dataset.ready = "1";
    var words = JSON.parse(document.getElementById(root.dataset.words).textContent);
    var form = root.closest("form");
    var boxes = Array.prototype.slice.call(root.querySelectorAll('input[name="' + root.dataset.name + '"]'));
    var sections = Array.prototype.slice.call(root.querySelectorAll("[data-section]")).map(function (el) {
      var units = Array.prototype.slice.call(el.querySelectorAll("[data-unit]")).map(function (label) {
        var box = label.querySelector("input");
        return {
          label: label, box: box, id: box.value, kind: box.dataset.kind,
          name: label.dataset.name, pinyin: label.dataset.pinyin || "", initials: label.dataset.initials || ""
        };
      });
      var office = units.filter(function (u) { return u.kind === "town"; })[0] || null;
      return {
        el: el, title: el.dataset.title, noun: el.dataset.noun, officeName: el.dataset.office || "",
        other: el.hasAttribute("data-other"), units: units, office: office,
        members: units.filter(function (u) { return u !== office; }),
        badge: el.querySelector("[data-section-count]"), whole: el.querySelector("[data-whole-box]"),
        wasOpen: el.open
      };
    });
    var units = [];
    sections.forEach(function (s) { units = units.concat(s.units); });
    var countEl = root.querySelector("[data-picker-count]");
    var textEl = root.querySelector("[data-picker-text]");
    var chipsEl = root.querySelector("[data-picker-chips]");
    var foundEl = root.querySelector("[data-picker-found]");
    var noteEl = root.querySelector("[data-picker-note]");

    root.querySelector("[data-picker-tools]").hidden = false;
    root.querySelector("[data-picker-nojs]").hidden = true;
    Array.prototype.forEach.call(root.querySelectorAll("[data-whole]"), function (el) { el.hidden = false; });

    function parts() {
      var out = [];
      var towns = sections.filter(function (s) { return !s.other; });
      var wholeKinds = {};
      [["community", words.communities], ["village", words.villages], ["town", words.offices]].forEach(function (pair) {
        var ofKind = [];
        var holders = 0;
        towns.forEach(function (s) {
          var here = s.units.filter(function (u) { return u.kind === pair[0]; });
          if (here.length) { holders += 1; ofKind = ofKind.concat(here); }
        });
        if (holders > 1 && ofKind.every(function (u) { return u.box.checked; })) {
          out.push({ text: fill(words.all_kind, { noun: pair[1], count: ofKind.length }), units: ofKind });
          wholeKinds[pair[0]] = true;
        }
      });
      sections.forEach(function (s) {
        var pool = s.other ? s.members : s.members.filter(function (u) { return !wholeKinds[u.kind]; });
        var members = pool.filter(function (u) { return u.box.checked; });
        var office = s.office && s.office.box.checked && !wholeKinds.town ? s.office : null;
        if (!s.other && pool.length === s.members.length && pool.length > 1 && members.length === pool.length) {
          var values = { town: s.title, noun: s.noun, count: members.length, office: s.officeName };
          var key = !s.office || wholeKinds.town ? "whole" : office ? "whole_with" : "whole_without";
          out.push({ text: fill(words[key], values), units: office ? members.concat([office]) : members });
          return;
        }
        if (!s.other) {
          // Every village (or community) of a mixed town: one part for them, the rest one by one.
          [["community", words.communities], ["village", words.villages]].forEach(function (pair) {
            var ofKind = pool.filter(function (u) { return u.kind === pair[0]; });
            if (ofKind.length > 1 && ofKind.length < s.members.length && ofKind.every(function (u) { return u.box.checked; })) {
              out.push({ text: fill(words.whole, { town: s.title, noun: pair[1], count: ofKind.length }), units: ofKind });
              members = members.filter(function (u) { return u.kind !== pair[0]; });
            }
          });
        }
        var singles = (office ? [office] : []).concat(members);
        if (singles.length > SINGLES) {
          out.push({ text: fill(words.some, { count: singles.length, town: s.title }), units: singles });
        } else {
          singles.forEach(function (u) { out.push({ text: u.name, units: [u] }); });
        }
      });
      return out;
    }

    function chip(part) {
      var li = document.createElement("li");
      var span = document.createElement("span");
      span.textContent = part.text;
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "×";
      remove.setAttribute("aria-label", fill(words.remove, { name: part.text }));
      remove.addEventListener("click", function () {
        part.units.forEach(function (u) { u.box.checked = false; });
        update();
        var next = chipsEl.querySelector("button");
        (next || root.querySelector("[data-picker-q]")).focus();
      });
      li.appendChild(span);
      li.appendChild(remove);
      return li;
    }

    function update() {
      var chosen = units.filter(function (u) { return u.box.checked; }).length;
      var list = parts();
      countEl.textContent = chosen ? fill(words.count, { count: chosen }) : words.none;
      textEl.textContent = list.length ? "：" + list.map(function (p) { return p.text; }).join("、") : "";
      chipsEl.textContent = "";
      list.forEach(function (p) { chipsEl.appendChild(chip(p)); });
      sections.forEach(function (s) {
        var n = s.units.filter(function (u) { return u.box.checked; }).length;
        s.badge.textContent = n + "/" + s.units.length;
        if (s.whole) {
          var m = s.members.filter(function (u) { return u.box.checked; }).length;
          s.whole.checked = m === s.members.length;
          s.whole.indeterminate = m > 0 && m < s.members.length;
        }
      });
      Array.prototype.forEach.call(root.querySelectorAll("[data-quick]"), function (btn) {
        var kind = btn.dataset.quick;
        if (kind === "clear") { return; }
        var of = units.filter(function (u) { return u.kind === kind; });
        btn.setAttribute("aria-pressed", of.length && of.every(function (u) { return u.box.checked; }) ? "true" : "false");
      });
    }

    boxes.forEach(function (box) { box.addEventListener("change", update); });
    sections.forEach(function (s) {
      if (s.whole) {
        s.whole.addEventListener("change", function () {
          var on = s.whole.checked;
          s.members.forEach(function (u) { u.box.checked = on; });
          update();
        });
      }
    });

    Array.prototype.forEach.call(root.querySelectorAll("[data-quick]"), function (btn) {
      btn.addEventListener("click", function () {
        var kind = btn.dataset.quick;
        if (kind === "clear") {
          units.forEach(function (u) { u.box.checked = false; });
        } else {
          var of = units.filter(function (u) { return u.kind === kind; });
          var all = of.every(function (u) { return u.box.checked; });
          of.forEach(function (u) { u.box.checked = !all; });
        }
        update();
      });
    });

    // Search: the name as typed, full pinyin (xinweilu) or initials (xwl); a town's name shows the whole town.
    var q = root.querySelector("[data-picker-q]");
    function search() {
      var raw = q.value.trim();
      var key = normal(raw);
      if (!key) {
        units.forEach(function (u) { u.label.hidden = false; });
        sections.forEach(function (s) { s.el.hidden = false; s.el.open = s.wasOpen || s.units.some(function (u) { return u.box.checked; }); });
        foundEl.textContent = "";
        return;
      }
      var found = 0;
      sections.forEach(function (s) {
        // A town's name, or its office's pinyin from the start (jinling, jl), shows the whole town.
        var whole = s.title.indexOf(raw) !== -1 ||
          Boolean(s.office && (s.office.pinyin.indexOf(key) === 0 || s.office.initials.indexOf(key) === 0));
        var any = false;
        s.units.forEach(function (u) {
          var hit = whole || u.name.indexOf(raw) !== -1 || u.pinyin.indexOf(key) !== -1 || u.initials.indexOf(key) !== -1;
          u.label.hidden = !hit;
          if (hit) { any = true; found += 1; }
        });
        s.el.hidden = !any;
        s.el.open = any;
      });
      foundEl.textContent = found ? fill(words.matches, { count: found, q: raw }) : fill(words.no_match, { q: raw });
    }
    q.addEventListener("input", search);
    q.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
      if (event.key === "Escape") { q.value = ""; search(); }
    });
    sections.forEach(function (s) {
      s.el.addEventListener("toggle", function () { if (!q.value.trim()) { s.wasOpen = s.el.open; } });
    });

    // Saved groups: add a group's members; say what it leaves out (deactivated, not offered here).
    function showNote(text, isError) {
      noteEl.textContent = text;
      noteEl.hidden = !text;
      noteEl.classList.toggle("is-error", Boolean(isError));
    }
    function useGroup(btn) {
      var ids = (btn.dataset.members || "").split(",").filter(Boolean);
      units.forEach(function (u) { if (ids.indexOf(u.id) !== -1) { u.box.checked = true; } });
      update();
      var text = fill(words.group_used, { name: btn.dataset.groupName, count: ids.length });
      showNote(btn.dataset.note ? text + " " + btn.dataset.note : text);
    }
    var groupsEl = root.querySelector("[data-picker-groups]");
    if (groupsEl) {
      groupsEl.addEventListener("click", function (event) {
        var btn = event.target.closest("[data-group]");
        if (btn) { useGroup(btn); }
      });
      var nameEl = root.querySelector("[data-picker-gname]");
      var msgEl = root.querySelector("[data-picker-gmsg]");
      var say = function (text, isError) {
        msgEl.textContent = text;
        msgEl.hidden = !text;
        msgEl.classList.toggle("is-error", Boolean(isError));
      };
      nameEl.addEventListener("keydown", function (event) {
        if (event.key === "Enter") { event.preventDefault(); root.querySelector("[data-picker-gsave]").click(); }
      });
      root.querySelector("[data-picker-gsave]").addEventListener("click", function () {
        var chosen = units.filter(function (u) { return u.box.checked; });
        if (!nameEl.value.trim()) { say(words.name_needed, true); nameEl.focus(); return; }
        if (!chosen.length) { say(words.pick_first, true); return; }
        var data = new FormData();
        data.append("name", nameEl.value);
        var owner = root.dataset.ownerInput && document.getElementById(root.dataset.ownerInput);
        if (owner && owner.value) { data.append("owner", owner.value); }
        chosen.forEach(function (u) { data.append("members", u.id); });
        var token = form && form.querySelector('input[name="csrfmiddlewaretoken"]');
        fetch(root.dataset.saveUrl, {
          method: "POST", body: data, credentials: "same-origin",
          headers: { "X-CSRFToken": token ? token.value : "", "Accept": "application/json" }
        }).then(function (response) {
          return response.json().then(function (body) { return { ok: response.ok, body: body }; });
        }).then(function (result) {
          if (!result.ok) { say(result.body.error ? result.body.error.message : words.save_failed, true); return; }
          var g = result.body;
          var btn = document.createElement("button");
          btn.type = "button";
          btn.className = "btn picker-btn";
          btn.dataset.group = g.id;
          btn.dataset.groupName = g.name;
          btn.dataset.members = g.members.join(",");
          btn.dataset.note = "";
          btn.textContent = g.name + " (" + g.members.length + ")";
          var none = groupsEl.querySelector("[data-picker-nogroups]");
          if (none) { none.remove(); }
          groupsEl.appendChild(btn);
          nameEl.value = "";
          say(fill(words.group_saved, { name: g.name, count: g.members.length }), false);
        }).catch(function () { say(words.save_failed, true); });
      });
    }
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-picker]"), setup);
})();
