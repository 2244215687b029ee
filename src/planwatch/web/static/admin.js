// The admin page's bulk assignment: how many indicators are checked, and choosing a category
// selects "整个分类". The form works without it (the server checks everything again).
(function () {
  "use strict";
  var form = document.getElementById("bulk-assign");
  if (!form) { return; }
  var count = document.getElementById("checked-count");
  var boxes = document.querySelectorAll('input[type=checkbox][form="bulk-assign"]');
  function update() {
    var n = 0;
    boxes.forEach(function (box) { if (box.checked) { n += 1; } });
    count.textContent = n ? "已勾选" + n + "项" : "可多选";
    if (n) { form.querySelector('input[value=selected]').checked = true; }
  }
  boxes.forEach(function (box) { box.addEventListener("change", update); });
  form.querySelector("select[name=category]").addEventListener("change", function (event) {
    if (event.target.value) { document.getElementById("scope-category").checked = true; }
  });
  update();
})();
