import { signal } from '@preact/signals';
import type { PageContext, Resolution } from '../../lib/schema';

/** The overlay's state: what the page shows and who it is, as the background resolved it. */
export const pageContext = signal<PageContext | null>(null);
export const resolution = signal<Resolution | null>(null);
export const lastError = signal<string | null>(null);
export const collapsed = signal(false);
export const scheme = signal<'light' | 'dark'>('light');
