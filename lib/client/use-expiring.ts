'use client';

import { useEffect, useState } from 'react';

/** A value that clears itself `showMs` after it was last set: for cues that announce and then go. */
export function useExpiring<T>(showMs: number): [T | undefined, (value: T | undefined) => void] {
  const [value, setValue] = useState<T | undefined>();
  useEffect(() => {
    if (value === undefined) return undefined;
    const timer = setTimeout(() => setValue(undefined), showMs);
    return () => clearTimeout(timer);
  }, [value, showMs]);
  return [value, setValue];
}
