// A tiny static file server on 127.0.0.1 for the sample post (./build.sh run) and the browser
// tests' fixture pages. Usage: node extension-dev/serve.mjs DIR [PORT]  (prints the address).
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  // No charset, as legacy servers send it: the page's bytes alone say how to decode it.
  '.htm': 'text/html',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

/** Serves `root` on 127.0.0.1 (port 0 picks a free one); resolves to {server, origin}. */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
    let file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) {
      response.writeHead(403).end();
      return;
    }
    if (path.endsWith('/')) file = join(file, 'index.html');
    try {
      const body = await readFile(file);
      response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((done) => {
    server.listen(port, '127.0.0.1', () => {
      done({ server, origin: `http://127.0.0.1:${server.address().port}` });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [root = '.', port = '0'] = process.argv.slice(2);
  const { origin } = await serve(root, Number(port));
  console.log(origin);
}
