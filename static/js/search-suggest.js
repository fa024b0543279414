// Suggestions under the site's search box as a visitor types: the WAI-ARIA 1.2
// combobox pattern (a text box with a list box popup, "list" autocomplete).
// The form carries the endpoint and the words in the page's language
// (data-suggest-*); without JavaScript, or without those, the box is a plain
// search form that submits to the search page.
(function () {
  "use strict";
  var DEBOUNCE_MS = 200;
  var MIN_LENGTH = 2;  // as the endpoint: one letter suggests nothing

  var form = document.querySelector("form[data-suggest-url]");
  var input = form && form.querySelector('input[name="q"]');
  if (!input || !window.fetch || !window.AbortController) {
    return;
  }
  var data = form.dataset;
  var listId = input.id + "-suggestions";

  var list = document.createElement("ul");
  list.id = listId;
  list.className = "suggest-list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", data.suggestLabel);
  list.hidden = true;
  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.appendChild(list);
  form.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("autocomplete", "off");  // the browser's own list would cover ours

  var timer = null;
  var pending = null;  // the AbortController of the request in flight
  var results = [];
  var active = -1;

  function options() {
    return list.querySelectorAll('[role="option"]');
  }

  function setActive(index) {
    var all = options();
    active = index;
    for (var i = 0; i < all.length; i++) {
      all[i].setAttribute("aria-selected", i === index ? "true" : "false");
    }
    if (index >= 0 && all[index]) {
      input.setAttribute("aria-activedescendant", all[index].id);
      all[index].scrollIntoView({block: "nearest"});
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open() {
    if (!results.length) {
      return;
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function announce(count) {
    var text = count === 0 ? data.suggestNone : (count === 1 ? data.suggestOne : data.suggestMany);
    status.textContent = text.replace("{count}", String(count));
  }

  // The title with the searched words in <mark>: marks are [start, end)
  // in characters (code points, as the server counts them).
  function marked(element, text, marks) {
    var chars = Array.from(text);
    var position = 0;
    marks.forEach(function (span) {
      element.appendChild(document.createTextNode(chars.slice(position, span[0]).join("")));
      var mark = document.createElement("mark");
      mark.textContent = chars.slice(span[0], span[1]).join("");
      element.appendChild(mark);
      position = span[1];
    });
    element.appendChild(document.createTextNode(chars.slice(position).join("")));
  }

  function option(result, index) {
    var item = document.createElement("li");
    item.id = listId + "-" + index;
    item.setAttribute("role", "option");
    item.setAttribute("aria-selected", "false");
    var title = document.createElement("span");
    title.className = "suggest-title";
    marked(title, result.title, result.marks || []);
    var kind = document.createElement("span");
    kind.className = "suggest-kind";
    kind.textContent = result.context ? result.kind_label + " · " + result.context : result.kind_label;
    item.appendChild(title);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(kind);
    return item;
  }

  function render(found) {
    results = found;
    list.textContent = "";
    found.forEach(function (result, index) {
      list.appendChild(option(result, index));
    });
    setActive(-1);
    if (found.length) {
      open();
    } else {
      close();
    }
    announce(found.length);
  }

  function go(index) {
    if (results[index]) {
      close();
      window.location.assign(results[index].url);
    }
  }

  function fetchSuggestions(query) {
    if (pending) {
      pending.abort();  // its answer would be for words no longer in the box
    }
    var controller = new AbortController();
    pending = controller;
    var address = data.suggestUrl + "?q=" + encodeURIComponent(query);
    fetch(address, {signal: controller.signal, headers: {Accept: "application/json"}})
      .then(function (response) {
        return response.ok ? response.json() : {results: []};
      })
      .then(function (body) {
        if (pending === controller && input.value.trim() === query) {
          pending = null;
          render(body.results || []);
        }
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          render([]);  // the form still submits to the search page
        }
      });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    var query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      if (pending) {
        pending.abort();
        pending = null;
      }
      results = [];
      list.textContent = "";
      status.textContent = "";
      close();
      return;
    }
    timer = window.setTimeout(function () {
      fetchSuggestions(query);
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    var count = results.length;
    var expanded = !list.hidden;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (!count) {
        return;
      }
      event.preventDefault();
      if (!expanded) {
        open();
        setActive(event.key === "ArrowDown" ? 0 : count - 1);
      } else if (event.key === "ArrowDown") {
        setActive(active + 1 >= count ? 0 : active + 1);
      } else {
        setActive(active <= 0 ? count - 1 : active - 1);
      }
    } else if (event.key === "Enter") {
      if (expanded && active >= 0) {
        event.preventDefault();  // open the record, not the search page
        go(active);
      }
    } else if (event.key === "Escape") {
      if (expanded) {
        event.preventDefault();  // keep the words (the search box would clear them)
        close();
      }
    } else if (event.key === "Tab") {
      close();
    }
  });

  // A click on an option: keep the focus in the box (no blur), then open it.
  list.addEventListener("mousedown", function (event) {
    event.preventDefault();
  });
  list.addEventListener("click", function (event) {
    var item = event.target.closest('[role="option"]');
    if (item) {
      go(Array.prototype.indexOf.call(options(), item));
    }
  });
  list.addEventListener("mousemove", function (event) {
    var item = event.target.closest('[role="option"]');
    if (item) {
      setActive(Array.prototype.indexOf.call(options(), item));
    }
  });

  input.addEventListener("blur", close);
  input.addEventListener("focus", function () {
    if (results.length && input.value.trim().length >= MIN_LENGTH) {
      open();
    }
  });
  // Back from a record (the page restored from the cache): no list left open.
  window.addEventListener("pageshow", close);
})();
