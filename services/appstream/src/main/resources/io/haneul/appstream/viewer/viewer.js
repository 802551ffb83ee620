// Haneul's AppStream 2.0 viewer: noVNC's RFB client on the session's WebSocket bridge, with a
// toolbar (clipboard, full screen, reconnect, end session). The page's cookie authorises the
// WebSocket; the clipboard buttons and the Files panel (upload to and download from the home folder)
// follow the stack's user settings.
import RFB from './novnc/core/rfb.js';

const config = JSON.parse(document.getElementById('config').textContent);
const base = location.pathname.endsWith('/') ? location.pathname : location.pathname + '/';
const socketUrl = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + base + 'websocket';
const screen = document.getElementById('screen');
const statusText = document.getElementById('status');
const clipboard = document.getElementById('clipboard');
const clipboardText = document.getElementById('clipboard-text');
let rfb = null;
let ended = false;

function show(state, text) {
  document.body.dataset.state = state;
  statusText.textContent = text;
}

function connect() {
  if (ended) return;
  if (rfb) {
    rfb.disconnect();
  }
  show('connecting', 'Connecting\u2026');
  rfb = new RFB(screen, socketUrl, { wsProtocols: ['binary'], shared: true });
  rfb.scaleViewport = true;
  rfb.focusOnClick = true;
  const mine = rfb;
  mine.addEventListener('connect', () => {
    show('connected', 'Connected');
    mine.focus();
  });
  mine.addEventListener('disconnect', () => {
    if (rfb === mine && !ended) {
      show('disconnected', 'Disconnected. Reconnect to return to your session.');
    }
  });
  mine.addEventListener('clipboard', (e) => {
    if (config.clipboardToLocal) {
      clipboardText.value = e.detail.text;
      if (navigator.clipboard && document.hasFocus()) {
        navigator.clipboard.writeText(e.detail.text).catch(() => {});
      }
    }
  });
  window.haneulViewer = { rfb: mine };
}

document.getElementById('clipboard-button').addEventListener('click', () => {
  clipboard.hidden = !clipboard.hidden;
});
document.getElementById('clipboard-send').disabled = !config.clipboardFromLocal;
document.getElementById('clipboard-send').addEventListener('click', () => {
  if (rfb && config.clipboardFromLocal) {
    rfb.clipboardPasteFrom(clipboardText.value);
    rfb.focus();
  }
});
if (!config.clipboardFromLocal && !config.clipboardToLocal) {
  document.getElementById('clipboard-button').hidden = true;
}
const files = document.getElementById('files');
const filesStatus = document.getElementById('files-status');
const fileList = document.getElementById('file-list');

async function listFiles() {
  fileList.replaceChildren();
  if (!config.fileDownload) return;
  const answer = await fetch(base + 'files', { credentials: 'same-origin' }).catch(() => null);
  if (!answer || !answer.ok) {
    filesStatus.textContent = 'The files could not be listed.';
    return;
  }
  for (const f of (await answer.json()).files) {
    const item = document.createElement('li');
    const link = document.createElement('a');
    link.href = base + 'files?name=' + encodeURIComponent(f.path);
    link.download = f.path.split('/').pop();
    link.textContent = f.path;
    item.append(link, ' (' + f.size + ' bytes)');
    fileList.append(item);
  }
}

document.getElementById('files-button').hidden = !config.fileUpload && !config.fileDownload;
document.getElementById('upload').hidden = !config.fileUpload;
document.getElementById('files-button').addEventListener('click', () => {
  files.hidden = !files.hidden;
  if (!files.hidden) listFiles();
});
document.getElementById('upload-input').addEventListener('change', async (e) => {
  for (const file of e.target.files) {
    filesStatus.textContent = 'Uploading ' + file.name + '\u2026';
    const answer = await fetch(base + 'files?name=' + encodeURIComponent(file.name),
      { method: 'POST', credentials: 'same-origin', body: file }).catch(() => null);
    filesStatus.textContent = answer && answer.ok ? 'Uploaded ' + file.name + '.' : file.name + ' could not be uploaded.';
  }
  e.target.value = '';
  listFiles();
});
document.getElementById('fullscreen-button').addEventListener('click', () => {
  if (document.fullscreenElement) {
    document.exitFullscreen();
  } else {
    document.documentElement.requestFullscreen().catch(() => {});
  }
});
document.getElementById('reconnect-button').addEventListener('click', connect);
document.getElementById('end-button').addEventListener('click', async () => {
  ended = true;
  if (rfb) rfb.disconnect();
  await fetch(base + 'end', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
  show('ended', 'Session ended');
  document.getElementById('ended').hidden = false;
  for (const b of document.querySelectorAll('#toolbar button')) b.disabled = true;
});

connect();
