// Tonight's live part: the server sends it again, already escaped, whenever it changes (server-sent events).
(function () {
  var live = document.getElementById('live');
  if (!live || !window.EventSource) { return; }
  var source = new EventSource(live.getAttribute('data-events'));
  source.addEventListener('live', function (e) { live.innerHTML = e.data; });
}());
