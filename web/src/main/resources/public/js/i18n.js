// Chinese first, with an English switch. Every visible word of the page is here.
const WORDS = {
  zh: {
    title: '网格地图 · 防汛应急', scenario: '洪水情景', warning: '预警级别', logout: '退出', login: '登录',
    username: '用户名', password: '密码', login_first: '请先登录。', level_iv: 'Ⅳ级（蓝）', level_iii: 'Ⅲ级（黄）',
    level_ii: 'Ⅱ级（橙）', level_i: 'Ⅰ级（红）', RED: '红色', ORANGE: '橙色', YELLOW: '黄色', GREEN: '绿色',
    households: '户数', people: '人数', vulnerable: '脆弱人员', district: '全区', must_move: '须转移',
    legend: '图例', no_results: '本情景尚无四色结果，请先运行计算。', street: '街道', grids: '网格',
    buildings: '楼栋', zones: '洪水风险区', shelters: '安置点', waters: '河流湖泊', areas: '行政区划',
    capacity: '容量', depth: '水深', worst: '最高风险', login_failed: '用户名或密码错误',
  },
  en: {
    title: 'Grid map · flood response', scenario: 'Scenario', warning: 'Warning level', logout: 'Log out', login: 'Log in',
    username: 'User name', password: 'Password', login_first: 'Please log in.', level_iv: 'IV (blue)',
    level_iii: 'III (yellow)', level_ii: 'II (orange)', level_i: 'I (red)', RED: 'Red', ORANGE: 'Orange',
    YELLOW: 'Yellow', GREEN: 'Green', households: 'Households', people: 'People', vulnerable: 'Vulnerable',
    district: 'District', must_move: 'Must move', legend: 'Legend',
    no_results: 'No 四色 results for this scenario yet: start a run.', street: 'Street', grids: 'Grids',
    buildings: 'Buildings', zones: 'Flood zones', shelters: 'Shelters', waters: 'Rivers and lakes',
    areas: 'Areas', capacity: 'Capacity', depth: 'Depth', worst: 'Worst', login_failed: 'Wrong user name or password',
  },
};

let lang = localStorage.getItem('gridmap.lang') || 'zh';

export function t(key) {
  return (WORDS[lang] && WORDS[lang][key]) || WORDS.zh[key] || key;
}

export function currentLang() {
  return lang;
}

/** Rewrites every [data-i18n] element and the page language. */
export function apply() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  const button = document.getElementById('lang');
  if (button) button.textContent = lang === 'zh' ? 'EN' : '中文';
}

export function toggle() {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('gridmap.lang', lang);
  apply();
}
