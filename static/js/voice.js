// Voice recordings: the recorder in a form and the speed buttons of every player.
//
// Recorder (a fieldset with data-recorder, templates/media/_voice_fields.html): without
// JavaScript or without a microphone API the form keeps its plain file input. With them,
// "Record your voice" records with MediaRecorder, shows a level meter and a timer, stops by
// itself at the limit, and puts the recording into the same file input, so the form sends
// it like an uploaded file. Listen again, Record again and Delete work before posting.
// A chosen file over the size limit is refused here already (the server checks again).
(function () {
  "use strict";

  function clock(seconds) {
    var whole = Math.max(0, Math.floor(seconds));
    return Math.floor(whole / 60) + ":" + String(whole % 60).padStart(2, "0");
  }

  function pickType() {
    var types = ["audio/webm;codecs=opus", "audio/mp4", "audio/ogg;codecs=opus", "audio/webm"];
    for (var i = 0; i < types.length; i++) {
      if (window.MediaRecorder.isTypeSupported && MediaRecorder.isTypeSupported(types[i])) return types[i];
    }
    return "";
  }

  function setUp(box) {
    if (box.hasAttribute("data-recorder-ready")) return;
    box.setAttribute("data-recorder-ready", "");
    var input = box.querySelector("input[type=file]");
    var maxSeconds = Number(box.getAttribute("data-max-seconds")) || 180;
    var maxBytes = Number(box.getAttribute("data-max-bytes")) || 0;
    var controls = box.querySelector("[data-recorder-controls]");
    var message = box.querySelector("[data-recorder-message]");
    var say = function (text) { message.textContent = text; };
    if (input && maxBytes) {
      input.addEventListener("change", function () {
        var file = input.files && input.files[0];
        if (file && file.size > maxBytes) {
          input.value = "";
          say("This file is too big: at most " + Math.floor(maxBytes / 1048576) + " MB. Please choose a shorter recording.");
        }
      });
    }
    if (!input || !controls || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia
        || !window.MediaRecorder || typeof DataTransfer === "undefined") return;
    controls.hidden = false;
    var button = function (name) { return box.querySelector("[data-" + name + "]"); };
    var record = button("record"), stop = button("stop"), listen = button("listen"), again = button("again"),
        remove = button("delete"), timer = button("timer"), level = button("level"), preview = button("preview");
    var recorder = null, stream = null, chunks = [], started = 0, tick = null, audio = null, frame = null, url = null;

    function show(state) {  // "idle", "recording", "done"
      record.hidden = state !== "idle";
      stop.hidden = state !== "recording";
      level.hidden = state !== "recording";
      listen.hidden = again.hidden = remove.hidden = preview.hidden = state !== "done";
    }

    function meter() {
      if (!audio) return;
      var data = new Uint8Array(audio.analyser.fftSize);
      audio.analyser.getByteTimeDomainData(data);
      var sum = 0;
      for (var i = 0; i < data.length; i++) { var v = (data[i] - 128) / 128; sum += v * v; }
      level.value = Math.min(1, Math.sqrt(sum / data.length) * 3);
      frame = window.requestAnimationFrame(meter);
    }

    function release() {
      window.clearInterval(tick);
      if (frame) window.cancelAnimationFrame(frame);
      if (audio) { audio.context.close(); audio = null; }
      if (stream) { stream.getTracks().forEach(function (t) { t.stop(); }); stream = null; }
    }

    function clear() {
      input.value = "";
      if (url) { URL.revokeObjectURL(url); url = null; }
      preview.removeAttribute("src");
      timer.textContent = clock(0);
    }

    function start() {
      clear();
      say("");
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (got) {
        stream = got;
        var type = pickType();
        recorder = type ? new MediaRecorder(stream, { mimeType: type }) : new MediaRecorder(stream);
        chunks = [];
        recorder.ondataavailable = function (e) { if (e.data && e.data.size) chunks.push(e.data); };
        recorder.onstop = finished;
        recorder.start(1000);
        started = Date.now();
        try {
          var context = new (window.AudioContext || window.webkitAudioContext)();
          var analyser = context.createAnalyser();
          analyser.fftSize = 1024;
          context.createMediaStreamSource(stream).connect(analyser);
          audio = { context: context, analyser: analyser };
          meter();
        } catch (e) { audio = null; }
        tick = window.setInterval(function () {
          var seconds = (Date.now() - started) / 1000;
          timer.textContent = clock(seconds);
          if (seconds >= maxSeconds) { say("That is the longest a recording can be here."); recorder.stop(); }
        }, 250);
        show("recording");
        say("Recording… Press Stop when you have finished.");
        stop.focus();
      }).catch(function () {
        say("We could not use your microphone. Allow it in your browser, or upload a recording below.");
      });
    }

    function finished() {
      var seconds = (Date.now() - started) / 1000;
      release();
      var type = (recorder.mimeType || "audio/webm").split(";")[0];
      var blob = new Blob(chunks, { type: type });
      var ending = type.indexOf("mp4") >= 0 ? ".m4a" : type.indexOf("ogg") >= 0 ? ".ogg" : ".webm";
      var transfer = new DataTransfer();
      transfer.items.add(new File([blob], "recording" + ending, { type: type }));
      input.files = transfer.files;
      url = URL.createObjectURL(blob);
      preview.src = url;
      timer.textContent = clock(Math.min(seconds, maxSeconds));
      show("done");
      say("Your recording (" + clock(seconds) + ") is ready. It is sent when you post.");
      listen.focus();
    }

    record.addEventListener("click", start);
    again.addEventListener("click", start);
    stop.addEventListener("click", function () { if (recorder && recorder.state !== "inactive") recorder.stop(); });
    listen.addEventListener("click", function () { preview.currentTime = 0; preview.play(); });
    remove.addEventListener("click", function () { clear(); show("idle"); say("The recording is deleted."); record.focus(); });
    input.addEventListener("change", function () {
      if (input.files && input.files.length && !url) show("idle");
    });
    show("idle");
  }

  // Players: 0.75× and 1× (the buttons show only with JavaScript).
  function speeds(root) {
    root.querySelectorAll(".recording").forEach(function (figure) {
      var player = figure.querySelector("audio[data-player]");
      var group = figure.querySelector(".speed");
      if (!player || !group || !group.hidden) return;
      group.hidden = false;
      group.querySelectorAll("[data-speed]").forEach(function (b) {
        b.addEventListener("click", function () {
          player.playbackRate = Number(b.getAttribute("data-speed"));
          group.querySelectorAll("[data-speed]").forEach(function (o) { o.setAttribute("aria-pressed", String(o === b)); });
        });
      });
    });
  }

  function all(root) {
    root.querySelectorAll("[data-recorder]").forEach(setUp);
    speeds(root);
  }

  all(document);
  document.addEventListener("htmx:afterSettle", function (event) { all(event.target); });
})();
