import type { Environment } from '../../core/environment.js';
import { effectiveProfile } from '../../client/estimation-stage.js';
import type { AppContext, AppView } from '../app-context.js';
import { renderCalibrationPanel } from '../energy/calibration-panel.js';
import { renderLocationPanel } from '../energy/location-panel.js';
import { renderProfilePanel } from '../energy/profile-panel.js';
import { loadEstimationSettings } from '../estimation-settings-store.js';
import { el } from '../format.js';
import type { RunController } from '../run-controller.js';

/**
 * Energy & carbon: what every estimate rests on, and where the person changes it — the grid
 * location and intensity source, the device profile, and the battery calibration. Changes are
 * stored locally and used by the next run.
 */
export function energyView(runner: RunController): AppView {
  return {
    id: 'energy',
    title: 'Energy & carbon',
    mount(container: HTMLElement, ctx: AppContext) {
      const where = el('div', { id: 'energy-location' });
      const profileHost = el('div', { id: 'energy-profile' }, el('p', { class: 'empty' }, 'Reading this device…'));
      const batteryHost = el('div', { id: 'energy-battery' });
      container.append(
        el('p', { class: 'intro' }, 'A latency is not an energy, and an energy is not a carbon figure. Every figure below is a range with its method (measured, calibrated, modelled or assumed); hover it for its reasons and sources. Changes here are kept in this browser and used by the next run.'),
        el('h3', {}, 'Where the electricity comes from'),
        where,
        el('h3', {}, 'This device’s power profile'),
        profileHost,
        el('h3', {}, 'Battery calibration'),
        batteryHost,
      );
      renderLocationPanel(where);

      let env: Environment | null = ctx.environment;
      const profile = () => (env ? effectiveProfile(env, loadEstimationSettings()).profile : null);
      const calibration = renderCalibrationPanel(batteryHost, { runner, profile });
      const drawProfile = () => {
        if (!env) return;
        renderProfilePanel(profileHost, env, drawProfile);
        calibration.refresh();
      };
      ctx.on('environment', () => {
        // the first environment is enough: the profile matches the device, not each run
        if (env) return;
        env = ctx.environment;
        drawProfile();
      });
      if (env) {
        drawProfile();
        return;
      }
      // reading the device starts a worker: wait until the person looks at this view (or a run reads it)
      const seen = new IntersectionObserver((entries) => {
        if (!entries.some((e) => e.isIntersecting) || env) return;
        seen.disconnect();
        runner.describeEnvironment([]).catch((err: unknown) => {
          if (!env) profileHost.replaceChildren(el('p', { class: 'error' }, `Could not read this device (${err instanceof Error ? err.message : String(err)}): the profile is matched when a run starts.`));
        });
      });
      seen.observe(profileHost);
    },
  };
}
