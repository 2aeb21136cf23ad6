// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';

import { ConnectionLostBanner } from './connection-badge';

describe('ConnectionLostBanner', () => {
  afterEach(cleanup);

  it('says nothing while live, or while the first connection is still being made', () => {
    render(<ConnectionLostBanner state="live" hasData />);
    render(<ConnectionLostBanner state="connecting" hasData={false} />);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('tells a person the data on screen is as of the last update', () => {
    render(<ConnectionLostBanner state="reconnecting" hasData />);
    expect(screen.getByRole('alert').textContent).toMatch(/^The live connection is down: what you see is as of the last update/);
  });

  it('says the server cannot be reached when it was lost before anything loaded, instead of loading on silently', () => {
    render(<ConnectionLostBanner state="offline" hasData={false} />);
    expect(screen.getByRole('alert').textContent).toMatch(/^The server cannot be reached, so nothing has loaded yet/);
  });
});
