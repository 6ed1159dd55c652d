// Server-Sent Events read with fetch (EventSource cannot send the bearer token): each event's name and JSON data.

/** Splits a text/event-stream body into events, calling onEvent(name, data) for each one that has a name. */
export async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    const parts = buffer.split('\n\n');
    buffer = parts.pop();
    for (const part of parts) {
      const event = parse(part);
      if (event) onEvent(event.name, event.data);
    }
  }
}

/** One event block: its name and parsed JSON data; null for comments and unnamed or non-JSON blocks. */
export function parse(block) {
  const name = /^event: ?(.+)$/m.exec(block);
  if (!name) return null;
  const text = block.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trimStart()).join('');
  try {
    return { name: name[1].trim(), data: text ? JSON.parse(text) : null };
  } catch (e) {
    return null;
  }
}
