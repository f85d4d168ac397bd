// Adds an empty field row to the new form's table (the server reads rows 0..rows-1).
document.addEventListener("DOMContentLoaded", () => {
  const button = document.getElementById("add-field-row");
  const body = document.querySelector(".forms-fields tbody");
  const count = document.getElementById("rows");
  if (!button || !body || !count) return;
  button.addEventListener("click", () => {
    const last = body.querySelector("tr:last-child");
    const index = Number(count.value);
    const row = last.cloneNode(true);
    row.querySelectorAll("input, select").forEach((el) => {
      el.name = el.name.replace(/-\d+$/, "-" + index);
      el.id = el.id.replace(/-\d+$/, "-" + index);
      if (el.tagName === "INPUT") el.value = "";
    });
    body.appendChild(row);
    count.value = String(index + 1);
  });
});
