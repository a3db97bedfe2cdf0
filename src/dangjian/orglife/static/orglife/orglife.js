// Behaviour of the 组织生活 pages, in a file of its own: the Content-Security-Policy allows no
// inline script. Attendance: "全部出席" etc. set every member's radio button at once.
// Calendar: clicking the subscription address selects it for copying.
document.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-all]").forEach(function (button) {
    button.addEventListener("click", function () {
      document.querySelectorAll('.sheet input[type=radio][value="' + button.dataset.all + '"]').forEach(function (radio) { radio.checked = true; });
    });
  });
  document.querySelectorAll("input.feed-url").forEach(function (input) {
    input.addEventListener("click", function () { input.select(); });
  });
});
