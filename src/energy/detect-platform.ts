import type { Environment } from '../core/environment.js';
import type { ProfileClass } from './device-profile.js';

export type Platform = 'android' | 'ios' | 'ipados' | 'macos' | 'windows' | 'linux' | 'chromeos' | 'unknown';

export interface PlatformGuess {
  platform: Platform;
  deviceClass: ProfileClass;
  /** UA-CH model (Android only); null when the browser does not say */
  model: string | null;
  reasons: string[];
}

const UA_CH_PLATFORMS: Record<string, Platform> = {
  android: 'android',
  ios: 'ios',
  macos: 'macos',
  windows: 'windows',
  linux: 'linux',
  'chrome os': 'chromeos',
  chromeos: 'chromeos',
};

/** Device class from what the browser says: UA-CH first (Chromium), the user-agent string otherwise. */
export function detectPlatform(env: Pick<Environment, 'uaData' | 'userAgent'>): PlatformGuess {
  const ua = env.userAgent;
  const ch = env.uaData;
  const model = ch?.model?.trim() ? ch.model.trim() : null;
  let platform: Platform = (ch?.platform && UA_CH_PLATFORMS[ch.platform.toLowerCase()]) || platformFromUserAgent(ua);
  // iPadOS Safari announces itself as a Mac; only the UA string of older iPads says "iPad"
  if (/iPad/.test(ua)) platform = 'ipados';
  const reasons: string[] = [];
  const mobile = ch?.mobile ?? /Mobile/.test(ua);

  let deviceClass: ProfileClass;
  switch (platform) {
    case 'android':
      deviceClass = mobile ? 'phone' : 'tablet';
      reasons.push(`Android ${mobile ? 'with' : 'without'} the mobile flag: ${deviceClass}`);
      break;
    case 'ios':
      deviceClass = 'phone';
      reasons.push('iOS: an iPhone; iOS does not tell the model, so the phone class is used');
      break;
    case 'ipados':
      deviceClass = 'tablet';
      reasons.push('iPad user agent: tablet');
      break;
    case 'macos':
    case 'windows':
    case 'linux':
    case 'chromeos':
      deviceClass = 'computer';
      reasons.push(`${platform}: a laptop or a desktop (the browser does not tell which)`);
      break;
    default:
      deviceClass = 'any';
      reasons.push('platform not recognised from the user agent: device class unknown');
  }
  return { platform, deviceClass, model, reasons };
}

function platformFromUserAgent(ua: string): Platform {
  if (/Android/i.test(ua)) return 'android';
  if (/iPhone|iPod/.test(ua)) return 'ios';
  if (/iPad/.test(ua)) return 'ipados';
  if (/CrOS/.test(ua)) return 'chromeos';
  if (/Macintosh|Mac OS X/.test(ua)) return 'macos';
  if (/Windows/.test(ua)) return 'windows';
  if (/Linux|X11/.test(ua)) return 'linux';
  return 'unknown';
}
