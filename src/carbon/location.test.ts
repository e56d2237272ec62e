import { describe, expect, it } from 'vitest';
import { chosenLocation, guessLocationFromTimeZone } from './location.js';

describe('guessLocationFromTimeZone', () => {
  it('maps a time zone to its first country, alpha-3, and says it is a guess', () => {
    expect(guessLocationFromTimeZone('Europe/London')).toMatchObject({ country: 'GBR', origin: 'timezone' });
    expect(guessLocationFromTimeZone('Asia/Kolkata').country).toBe('IND');
    expect(guessLocationFromTimeZone('Europe/Copenhagen').country).toBe('DNK');
    const zurich = guessLocationFromTimeZone('Europe/Zurich');
    expect(zurich.country).toBe('CHE');
    expect(zurich.reasons[0]).toMatch(/also used in DE, LI/);
  });
  it('falls back to the world average for UTC and unknown zones, and asks the user to pick', () => {
    expect(guessLocationFromTimeZone('Etc/UTC')).toMatchObject({ country: 'WORLD', origin: 'default' });
    expect(guessLocationFromTimeZone('Mars/Olympus_Mons').reasons[0]).toMatch(/pick your country/);
  });
  it('records a user choice as such', () => {
    expect(chosenLocation('gbr', 'GB-13')).toEqual({ country: 'GBR', zone: 'GB-13', origin: 'user', reasons: ['chosen by the user'] });
  });
});
