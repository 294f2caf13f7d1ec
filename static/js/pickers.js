/* Type-ahead for the article list's person and organisation pickers.

   Progressive enhancement: without this script the text fields are sent as add_person /
   add_organisation and the server resolves the name. With it, each field marked
   data-suggest="person|organisation" becomes an ARIA combobox offering names and aliases
   from /suggestions/; choosing one adds that filter at once. No inline script, no remote
   asset. */
(function () {
  "use strict";

  var DELAY = 150;
  var counter = 0;

  function enhance(input) {
    var kind = input.getAttribute("data-suggest");
    var url = input.getAttribute("data-suggest-url");
    var form = input.form;
    var list = document.createElement("ul");
    var timer = null;
    var active = -1;
    var results = [];
    var lastQuery = "";

    counter += 1;
    list.id = "suggestions-" + kind + "-" + counter;
    list.className = "picker__list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    input.parentNode.appendChild(list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (option, i) {
        option.setAttribute("aria-selected", i === index ? "true" : "false");
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", options[index].id);
      }
    }

    function choose(index) {
      var chosen = results[index];
      if (!chosen) { return; }
      if (input.hasAttribute("data-suggest-single")) {
        // A list narrowed to one of this kind: the chosen one replaces the one in force.
        form.querySelectorAll('input[type="hidden"][name="' + kind + '"]').forEach(function (old) {
          old.parentNode.removeChild(old);
        });
      }
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = kind;
      hidden.value = chosen.slug;
      form.appendChild(hidden);
      input.value = "";
      input.disabled = true; // the typed name is not sent: the chosen slug is
      form.submit();
    }

    function render() {
      list.textContent = "";
      results.forEach(function (result, i) {
        var option = document.createElement("li");
        option.id = list.id + "-" + i;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = result.name;
        if (result.alias && result.alias !== result.name) {
          var alias = document.createElement("span");
          alias.className = "picker__alias";
          alias.textContent = " “" + result.alias + "”";
          option.appendChild(alias);
        }
        var count = document.createElement("span");
        count.className = "count";
        count.textContent = " " + result.articles;
        option.appendChild(count);
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the field
          choose(i);
        });
        list.appendChild(option);
      });
      list.hidden = results.length === 0;
      input.setAttribute("aria-expanded", results.length ? "true" : "false");
      active = -1;
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (!query) { results = []; render(); return; }
      if (query === lastQuery) { return; }
      lastQuery = query;
      var address = url + "?kind=" + encodeURIComponent(kind) + "&q=" + encodeURIComponent(query);
      fetch(address, { headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) {
          if (input.value.trim() !== query) { return; } // typed on meanwhile
          results = data.results || [];
          render();
        })
        .catch(function () { results = []; render(); });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, DELAY);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) { return; }
      if (event.key === "ArrowDown") {
        event.preventDefault();
        highlight(Math.min(active + 1, results.length - 1));
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        choose(active);
      } else if (event.key === "Escape") {
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(enhance);
})();
