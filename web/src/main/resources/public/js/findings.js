// A coverage finding's facts in the page's language (the server's detail is English, for logs and the API): the
// area of a gap or overlap, the length of an edge, the building, how far a grid is outside the household band.
import { t } from './i18n.js';
import * as vocabulary from './vocabulary.js';

const round = (v, digits = 0) => Number(v || 0).toLocaleString('en-US', { maximumFractionDigits: digits });

/**
 * @param f a finding (API or tile properties: kind, area_m2, length_m, households, building_id)
 * @param gridHouseholds the grid's households when known (for the band), else null
 * @param rural whether the grid is rural (its band), when known
 */
export function findingDetail(f, gridHouseholds = null, rural = false) {
  switch (f.kind) {
    case 'GAP': case 'OVERLAP': case 'OUTSIDE_COMMUNITY': case 'COMMUNITY_WITHOUT_GRIDS':
      return Number(f.area_m2) > 0 ? t('finding_area').replace('{n}', round(f.area_m2)) : '';
    case 'INVALID_EDGE':
      return t('finding_length').replace('{n}', round(f.length_m, 1));
    case 'BUILDING_NO_GRID': case 'BUILDING_SPLIT':
      return [f.building_id && `${t('building')} ${f.building_id}`,
        f.households != null && `${f.households} ${t('hh_unit')}`].filter(Boolean).join(' · ');
    case 'HOUSEHOLD_BAND': {
      const b = vocabulary.band();
      const min = b && (rural ? b.rural_min_households : b.urban_min_households);
      const max = b && (rural ? b.rural_max_households : b.urban_max_households);
      const range = b ? `${min}–${max}` : '';
      if (gridHouseholds != null) {
        return t(gridHouseholds < min ? 'finding_band_few' : 'finding_band_many').replace('{n}', gridHouseholds)
          .replace('{band}', range);
      }
      return t('finding_band_off').replace('{n}', f.households).replace('{band}', range);
    }
    case 'UNUSABLE_GEOMETRY':
      return f.detail || ''; // the geometry library's own reason, for whoever repairs the data
    default:
      return ''; // the kind's name says it all (no grid chief, no grid worker)
  }
}
