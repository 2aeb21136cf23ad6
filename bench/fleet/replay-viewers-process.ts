// The replay viewers' own process (forked by `ReplayViewerProcess`): they stand for browsers on
// other machines, so their reading must not hold up the probe client's event loop in the bench's.
import type { ViewerMode } from './replay-viewers';
import { ReplayViewers } from './replay-viewers';

const [baseUrl = '', count = '0', fromMs = '0', mode = 'play'] = process.argv.slice(2);
const viewers = new ReplayViewers();
viewers.start(baseUrl, Number(count), Number(fromMs), mode as ViewerMode);

process.on('message', (message) => {
  if (message !== 'stop') return;
  void viewers.stop().then((figures) => process.send?.(figures, () => process.exit(0)));
});
