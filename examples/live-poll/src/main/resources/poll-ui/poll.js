// Joins the poll (?poll=lunch by default), shows its results live, and votes when an option's button is pressed.
const poll = new URLSearchParams(location.search).get("poll") || "lunch";
let socket;

function show(results) {
  document.getElementById("question").textContent = results.question;
  const list = document.getElementById("options");
  list.replaceChildren(...Object.entries(results.counts).map(([option, count]) => {
    const item = document.createElement("li");
    const button = document.createElement("button");
    button.textContent = option;
    button.onclick = () => socket?.send(JSON.stringify({vote: option}));
    item.append(button, ` ${count}`);
    return item;
  }));
  document.getElementById("total").textContent = `${results.total} vote(s)`;
}

function join() {
  socket?.close();
  const name = encodeURIComponent(document.getElementById("name").value);
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  socket = new WebSocket(`${scheme}://${location.host}/ws/poll/${poll}/?name=${name}`);
  socket.onmessage = event => {
    const frame = JSON.parse(event.data);
    if (frame.type === "poll.results") show(frame);
    else document.getElementById("status").textContent = frame.message;
  };
  socket.onclose = () => { document.getElementById("status").textContent = "disconnected"; };
}

document.getElementById("join").onclick = join;
fetch(`/api/polls/${poll}`).then(response => response.json()).then(show);
join();
