// The replay viewers' own process (forked by `ReplayViewerProcess`): they stand for browsers on
// other machines, so their reading must not hold up the probe client's event loop in the bench's.
import { ReplayViewers } from './replay-viewers';

const [baseUrl = '', count = '0', fromMs = '0'] = process.argv.slice(2);
const viewers = new ReplayViewers();
viewers.start(baseUrl, Number(count), Number(fromMs));

process.on('message', (message) => {
  if (message !== 'stop') return;
  void viewers.stop().then((figures) => process.send?.(figures, () => process.exit(0)));
});
