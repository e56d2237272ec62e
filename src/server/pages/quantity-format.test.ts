import { describe, expect, it } from 'vitest';
import { formatGrams, formatMs, formatSi } from './quantity-format.js';

describe('quantity formatting', () => {
  it('picks the prefix that keeps three readable digits', () => {
    expect(formatSi(0.0412, 'J')).toBe('41.2 mJ');
    expect(formatSi(2.5, 'J')).toBe('2.5 J');
    expect(formatSi(3.3e-6, 'J')).toBe('3.3 µJ');
    expect(formatGrams(4.2e-9)).toBe('4.2 ngCO2e');
    expect(formatGrams(1e-12)).toBe('0.001 ngCO2e');
    expect(formatMs(12.3456)).toBe('12.3 ms');
  });
});
