// The Django Channels tutorial's room page (docs "Tutorial Part 2", chat/templates/chat/room.html), rebuilt in the
// page this is run in, so it runs as that tutorial does: from a page of the server's own origin, with the browser
// sending that Origin. Its markup and script follow the tutorial line for line; only the room name comes from the
// test (arguments[0]) instead of Django's json_script.
const roomName = arguments[0];
document.body.replaceChildren();
const log = document.createElement('textarea');
log.id = 'chat-log';
log.cols = 100;
log.rows = 20;
const input = document.createElement('input');
input.id = 'chat-message-input';
input.type = 'text';
input.size = 100;
const submit = document.createElement('input');
submit.id = 'chat-message-submit';
submit.type = 'button';
submit.value = 'Send';
document.body.append(log, document.createElement('br'), input, document.createElement('br'), submit);

const chatSocket = new WebSocket('ws://' + window.location.host + '/ws/chat/' + roomName + '/');

chatSocket.onmessage = function(e) {
  const data = JSON.parse(e.data);
  document.querySelector('#chat-log').value += (data.message + '\n');
};

chatSocket.onclose = function(e) {
  console.error('Chat socket closed unexpectedly');
};

document.querySelector('#chat-message-input').focus();
document.querySelector('#chat-message-input').onkeyup = function(e) {
  if (e.key === 'Enter') {  // enter, return
    document.querySelector('#chat-message-submit').click();
  }
};

document.querySelector('#chat-message-submit').onclick = function(e) {
  const messageInputDom = document.querySelector('#chat-message-input');
  const message = messageInputDom.value;
  chatSocket.send(JSON.stringify({
    'message': message
  }));
  messageInputDom.value = '';
};

// For the test only: whether the socket opened, and how it ended (the tutorial shows neither).
window.tutorialSocket = chatSocket;
