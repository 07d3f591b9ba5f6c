// The pay form's Print button (inline handlers are not allowed by the console's content security policy).
document.querySelectorAll('[data-print]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });
