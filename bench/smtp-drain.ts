/**
 * The benchmark's local SMTP sink, in a process of its own so that receiving does not eat the sender's CPU or
 * memory: accepts every mail, reads it to the end and throws it away. Prints its port, then a count per second.
 */
import type { AddressInfo, Socket } from 'node:net';
import { SMTPServer } from 'smtp-server';

let received = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received += 1;
      callback();
    });
  },
});
// Replies are small writes: with Nagle's algorithm on, each waits for the client's delayed ACK (~40 ms a message).
server.server.on('connection', (socket: Socket) => socket.setNoDelay(true));
server.listen(0, '127.0.0.1', () => {
  console.log(`port ${(server.server.address() as AddressInfo).port}`);
});
setInterval(() => console.log(`received ${received}`), 1000).unref();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
