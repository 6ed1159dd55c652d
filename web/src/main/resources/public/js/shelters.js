// Why a shelter takes no households, in the page's language, from the facts the server gives (the server's own
// not_taking_reason carries both languages, for the API and logs).
import { paren, punct, t } from './i18n.js';
import * as vocabulary from './vocabulary.js';

/** '' when the shelter takes households; else flooded (with the depth) or its status, with the reason typed. */
export function notTaking(s) {
  if (s.takes_households) return '';
  if (s.flood_depth_m != null) return t('shelter_flooded') + paren(`${Number(s.flood_depth_m).toFixed(1)} m`);
  return vocabulary.label('shelter_statuses', s.status) + (s.status_reason ? punct('colon') + s.status_reason : '');
}
