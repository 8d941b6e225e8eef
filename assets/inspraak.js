// Progressive enhancement only: every page works without this file.
// Shows "n of max characters" under text areas that carry data-maxlength.
(function () {
  "use strict";
  var lang = document.documentElement.lang === "en" ? "en" : "nl";
  var areas = document.querySelectorAll("textarea[data-maxlength]");
  Array.prototype.forEach.call(areas, function (area) {
    var max = parseInt(area.getAttribute("data-maxlength"), 10);
    if (!max) { return; }
    var counter = document.createElement("p");
    counter.className = "utrecht-form-field-description field__counter";
    counter.id = area.id + "-teller";
    counter.setAttribute("aria-live", "polite");
    area.parentNode.appendChild(counter);
    var update = function () {
      var left = max - area.value.length;
      counter.textContent = lang === "en"
        ? (left >= 0 ? left + " characters left" : -left + " characters too many")
        : (left >= 0 ? "Nog " + left + " tekens over" : -left + " tekens te veel");
      counter.classList.toggle("field__counter--over", left < 0);
    };
    area.addEventListener("input", update);
    update();
  });
})();
