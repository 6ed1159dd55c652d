// Chinese first, with an English switch. Every visible word of the page is here.
const WORDS = {
  zh: {
    // Messages per problem type (/problems/<name>, RFC 9457); ProblemMessagesTest compares them with the server.
    problem_not_found: '找不到，或不在您的辖区内', problem_invalid_parameter: '参数有误', problem_invalid_content: '内容有误，未保存',
    problem_bad_request: '请求有误', problem_unauthorized: '请先登录', problem_forbidden: '您的角色无权进行此操作',
    problem_method_not_allowed: '不支持此操作', problem_not_acceptable: '不支持所请求的格式',
    problem_unsupported_media_type: '不支持的内容格式', problem_payload_too_large: '内容过大', problem_conflict: '与当前状态冲突', problem_precondition_failed: '草稿已被他人修改，请刷新后再改', problem_precondition_required: '缺少版本号，请刷新后再改', problem_draft_stale: '同一区域的另一草稿已发布，本草稿已过期，请从现行网格重新开始',
    problem_too_many_requests: '请求过于频繁，请稍后再试', problem_login_throttled: '登录失败次数过多，请稍后再试',
    problem_internal_error: '服务器内部错误（已记录）', problem_service_unavailable: '服务暂不可用，请稍后再试',
    problem_import_unsupported_format: '不支持的文件格式', problem_import_unreadable_file: '文件无法读取',
    problem_import_unsafe_archive: '压缩包不安全，已拒绝', problem_import_encoding: '文件编码有误', problem_import_crs: '坐标系有误',
    problem_import_limit_exceeded: '文件超出上限', problem_import_invalid_rows: '部分记录有误，未导入',
    problem_import_empty: '文件为空', problem_ticket_illegal_transition: '工单当前状态不允许此操作',
    problem_idempotency_key_missing: '缺少请求标识（Idempotency-Key）', problem_idempotency_key_reused: '请求标识已用于其他内容',
    problem_ticket_location: '工单位置有误',
    login_locked: '登录失败次数过多，请 {m} 分钟后再试', login_unavailable: '服务暂时不可用，请稍后再试',
    field_title: '转移工作台', field_households: '我的住户', field_checkin: '安置点签到', field_load: '查看', field_code: '签到码',
    field_checkin_do: '签到', field_scan: '扫码（拍照）', shelter: '安置点', field_offline: '离线：更新将在联网后发送',
    field_pending: '{n} 条更新待发送', field_none: '本网格暂无转移任务', field_unit: '单元', field_floor: '层',
    field_unplaced: '未安置', field_cadre: '包户干部', field_queued: '待发送', field_note_REFUSED: '拒绝转移的原因：',
    field_note_WITH_RELATIVES: '投亲靠友的地址：', field_not_sent: '未能发送', field_already: '已签到过：',
    field_checked_in: '签到成功：', field_next: '附近有空位的安置点', field_no_code: '未识别到签到码，请重拍或手动输入',
    unplaced_NO_CAPACITY: '安置点容量不足', unplaced_NO_ACCESSIBLE_SHELTER: '无无障碍安置点', unplaced_NO_SHELTER: '无可用安置点', unplaced_NO_ROAD: '无道路可达安置点', route_length: '路程', routes: '转移路线', route_via: '经', route_access: '其中到道路直线',
    evac_title: '转移进度', evac_total: '转移对象', evac_no_cadre: '未落实包户干部', evac_status: '状态',
    evac_reserved: '已分配未到', evac_nearly_full: '接近满员', evac_field_page: '转移工作台（手机）',
    evac_switch: '一键转换', evac_confirm: '确认对本辖区按“{what}”一键转换？将生成全部须转移户的转移计划。', evac_confirm_yes: '确认转换', evac_planning: '正在生成转移计划…',
    title: '网格地图 · 防汛应急', scenario: '洪水情景', warning: '预警级别', logout: '退出', login: '登录',
    username: '用户名', password: '密码', login_first: '请先登录。', shelter_flooded: '位于淹没区，水深', sheet_link_bad: '打印链接不完整：缺少网格（15 位编码）或情景，请从网格面板重新打开。',
    households: '户数', people: '人数', hh_unit: '户', people_unit: '人', vulnerable: '脆弱人员', district: '全区', must_move: '须转移',
    legend: '图例', no_results: '本情景尚无四色结果，请先运行计算。', not_computed: '未计算', map: '地图', field_call: '拨打', field_call_reason: '转移通知（网格员拨打电话）', field_no_phone: '没有登记电话', walkin_title: '现场登记（无转移单）', walkin_from: '从哪里来', walkin_do: '登记入住', walkin_done: '已登记', evac_export_xlsx: '导出 XLSX', evac_export_csv: '导出 CSV', evac_export_list: '导出转移清单', skip_to_panel: '跳到面板', search_label: '搜索地点', menu: '菜单', sheet_more: '展开面板', sheet_less: '收起面板', run_from: '颜色来自第 {run} 次四色计算（规则第 {rules} 版，{when}）', run_start: '开始四色计算', run_again: '重新计算四色', run_running: '四色计算中', run_done: '第 {run} 次四色计算已完成，地图与数字已更新', run_failed: '计算未完成', street: '街道', grids: '网格', total: '合计', my_street: '本街道', my_community: '本社区', my_grid: '我的网格',
    buildings: '楼栋', zones: '洪水风险区', shelters: '安置点', occupancy: '已安置/容量', waters: '河流湖泊', areas: '行政区划',
    capacity: '容量', depth: '水深', worst: '最高风险', login_failed: '用户名或密码错误',
    search: '搜索地址、楼栋、道路、网格或社区', search_none: '没有匹配的地点', place_STREET: '街道', place_COMMUNITY: '社区', place_GRID: '网格', place_BUILDING: '楼栋', place_ROAD: '道路', community: '社区', grid: '网格',
    stewards: '网格人员', no_stewards: '未配置网格人员', findings: '覆盖质检', no_findings: '无质检问题',
    print_sheet: '打印转移清单', close: '关闭', coverage_findings: '覆盖质检问题', loading: '加载中…',
    role_GRID_CHIEF: '网格长', role_GRID_WORKER: '网格员', role_BUILDING_CHIEF: '楼长', role_UNIT_CHIEF: '单元长',
    role_STREET_CHIEF: '街长', role_ROAD_CHIEF: '路长', role_CADRE: '包保干部',
    sheet_title: '网格应急转移清单', sheet_subtitle: '楼栋住户分布图 · 应急管控平面图', building: '楼栋',
    unit: '单元', floor: '楼层', room: '房号', members: '人数', contact: '联系人', phone: '电话', color: '四色',
    depth_m: '本层有效水深(m)', above_water: '高于水面', orientation: '纸张方向', portrait: 'A4 纵向', landscape: 'A4 横向', phones_label: '打印含电话', phones_reason: '请填写用途（如：夜间逐户电话通知转移），将记录在审计日志', phones_print: '显示电话', phones_shown: '本清单含完整电话，经授权打印并已留痕；用后妥善保管或销毁。', printed_at: '打印时间', total_move: '须转移合计', signature: '网格长签字',
    print: '打印', back_to_map: '返回地图', sheet_none: '本网格在该预警级别下无须转移住户。', masked_note:
      '个人信息已脱敏；查看完整信息须经授权并留痕。',
    register_title: '网格划分登记表', register_note: '网格人员姓名已脱敏；以系统现行网格为准。', register_meta: '现行网格 {grids} 个，共 {hh} 户', register_link_bad: '登记表链接不完整：缺少区、街道或社区编码。', register_print: '打印网格划分登记表', signature_street: '街道（社区）负责人签字', grid_code: '网格编码', area_km2: '面积（平方千米）', since: '生效日期', rd_title: '网格调整', rd_new: '新建草稿', rd_version: '版本', rd_area: '调整范围', rd_summary: '{grids} 个网格，{in} 个在标准户数内，{out} 个不在；共 {hh} 户 · 草稿第 {v} 版', rd_unassigned: '{n} 栋楼不在任何网格', rd_split: '按线拆分', rd_lasso: '圈选楼栋移入', rd_merge: '合并所选', rd_lock: '锁定/解锁', rd_undo: '撤销', rd_redo: '重做', rd_propose: '自动划分', rd_rebalance: '均衡调整', rd_publish: '发布', rd_close: '关闭草稿', rd_hint_split: '在地图上画一条穿过所选网格的线，双击结束；楼栋按其大部分所在一侧归属', rd_hint_lasso: '在地图上圈出楼栋，双击结束；楼栋移入所选网格（未选则成为新网格）', rd_hint_select: '点击表格行或地图上的网格选择（勾选“多选”或按 Ctrl/Shift 选多个）', rd_proposed: '自动方案用时 {s} 秒，{n} 户（{p}%）改变网格', rd_exceptions: '{n} 处无法达标（见检查）', rd_done: '已发布：{grids} 个网格生效，{tickets} 件工单、{stewards} 名网格人员随之调整', rd_key: '编号', rd_name: '名称', rd_band: '户数标准', rd_contiguity: '连续性', rd_compactness: '紧凑度', rd_colours: '四色（本情景）', rd_checks: '检查', rd_clean: '检查通过：无空隙、无重叠、楼栋完整', rd_locked: '已锁定', rd_reload: '重新载入草稿', rd_confirm: '确认发布？{grids} 个网格、{hh} 户将按本草稿生效；旧网格留作历史，工单、网格人员随之调整。', rd_publish_now: '确认发布', rd_multi: '多选', rd_status_PUBLISHED: '本草稿已发布，不能再修改。', rd_status_STALE: '同一区域的另一草稿已发布，本草稿已过期；请从现行网格新建草稿。', lineage: '网格沿革', lineage_from: '由 {grid}（第 {v} 版）划入 {n} 户', lineage_to: '本编码旧版划出 {n} 户至 {grid}（第 {v} 版，{when} 起）', rd_diff: '改变网格的：{b} 栋楼、{hh} 户、{s} 名网格人员、{t} 件未办结工单、{x} 户转移中。', band_IN: '达标', band_FEW: '户数偏少', band_MANY: '户数偏多', not_contiguous: '不连续', finding_NOT_CONTIGUOUS: '网格不连续', finding_GAP: '网格空隙', finding_OVERLAP: '网格重叠', finding_OUTSIDE_COMMUNITY: '超出社区边界',
    finding_INVALID_EDGE: '公共边不一致', finding_COMMUNITY_WITHOUT_GRIDS: '社区未划网格',
    finding_BUILDING_NO_GRID: '楼栋不在任何网格', finding_BUILDING_SPLIT: '楼栋被网格边界切分',
    finding_HOUSEHOLD_BAND: '户数不在标准范围', finding_NO_GRID_CHIEF: '未配网格长', finding_NO_GRID_WORKER: '未配网格员',
    tickets: '工单', ticket_new: '在地图上登记工单', ticket_place: '请在地图上点击事发位置', category: '类别', source: '来源',
    source_patrol: '网格员巡查', source_web: '网页', description: '事项描述', address: '地址', reporter: '反映人',
    submit: '提交', cancel: '取消', open_tickets: '未办结', all_tickets: '全部', overdue: '已超时',
    all_categories: '全部类别', possible_duplicates: '附近可能重复的工单：', routed_to: '归属网格',
    warn_boundary: '靠近网格边界，请确认所属网格', warn_outside: '不在任何网格内，已归入最近网格，请确认',
    ticket_filed: '已登记工单', network_retry: '网络中断，请再次提交（不会重复登记）', more_in_view: '视野内共 {n} 件，仅列出前 50 件',
    due: '限办时间', ticket_stats: '工单统计', received: '受理量', resolved_rate: '办结率', on_time_rate: '按时办结率',
    satisfaction_rate: '满意度', backlog: '在办',
    action_CREATE: '登记', action_DISPATCH: '派遣', action_START: '开始处理', action_RESOLVE: '办结',
    action_VISIT: '回访', action_CLOSE: '关闭', action_RETURN: '退回', action_REOPEN: '重开', action_ESCALATE: '上报',
    action_REROUTE: '改派网格', action_CALL: '吹哨', action_REPORT: '报到', action_LINK_DUPLICATE: '合并重复',
    action_DUPLICATE_LINKED: '并入重复工单', action_OVERDUE: '超时',
    do_DISPATCH: '派遣', do_START: '开始处理', do_RESOLVE: '办结', do_VISIT: '回访', do_CLOSE: '关闭', do_RETURN: '退回',
    do_REOPEN: '重开', do_ESCALATE: '上报', do_REROUTE: '改派网格', do_CALL: '吹哨', do_REPORT: '报到',
    do_LINK_DUPLICATE: '合并重复', arg_assignee: '处理人', arg_note: '备注', arg_rating: '满意度', arg_reason: '原因',
    arg_grid_code: '改派到网格（15 位编码）', arg_departments: '吹哨部门（用逗号分隔）', arg_department: '报到部门',
    arg_duplicate_of: '重复于工单号', called_departments: '吹哨部门', finding_area: '面积 {n} 平方米', finding_length: '长度 {n} 米', finding_band_few: '{n} 户，少于标准 {band} 户', finding_band_many: '{n} 户，超出标准 {band} 户', finding_band_off: '偏离标准 {band} 户 {n} 户', structure_SINGLE_STOREY: '平房', structure_BRICK_CONCRETE: '砖混', structure_FRAME: '框架', structure_REINFORCED_CONCRETE: '钢混', structure_OTHER: '其他结构', reveal_contact: '显示联系方式', reveal_reason_hint: '原因（如：回访），将记入审计', rerouted: '改派网格', duplicate_of: '重复于', duplicate_linked: '合并了重复工单', rating_5: '非常满意', rating_4: '满意', rating_3: '基本满意', rating_2: '不满意',
    rating_1: '非常不满意', assignee: '处理人', scenario_period: '{n} 年一遇洪水', scenario_RIVER: '河道洪水', scenario_WATERLOGGING: '城区内涝', scenario_HISTORICAL: '历史洪水', ticket_pin: '工单位置（方向键移动）', ticket_place_keys: '用方向键移动图钉（Shift 加速），停下后显示所属网格；Tab 到表单填写', none_resolved: '尚无办结', choose: '请选择', urgency: '紧急程度', urgent: '紧急', normal: '一般', in_view_only: '只列地图范围内的工单', all_in_area: '全部（不限地图范围）', more_in_area: '共 {n} 件，列出前 50 件', list_in_view: '仅列出当前地图范围内的工单；移动地图或选“全部”查看其余',
  },
  en: {
    // Messages per problem type (/problems/<name>, RFC 9457); ProblemMessagesTest compares them with the server.
    problem_not_found: 'Not found, or outside your area', problem_invalid_parameter: 'A parameter is wrong',
    problem_invalid_content: 'The content is invalid; nothing was saved', problem_bad_request: 'Bad request',
    problem_unauthorized: 'Please log in', problem_forbidden: 'Your role may not do this',
    problem_method_not_allowed: 'Not supported', problem_not_acceptable: 'That format is not offered',
    problem_unsupported_media_type: 'Unsupported content type', problem_payload_too_large: 'Too large',
    problem_conflict: 'Conflicts with the current state', problem_precondition_failed: 'Someone else changed the draft: reload it and edit again', problem_precondition_required: 'The draft version is missing: reload it and edit again', problem_draft_stale: 'Another draft over this area was published: start again from the current grids',
    problem_too_many_requests: 'Too many requests; try again shortly',
    problem_login_throttled: 'Too many failed logins; try again later',
    problem_internal_error: 'Internal server error (logged)',
    problem_service_unavailable: 'Service unavailable; try again shortly',
    problem_import_unsupported_format: 'Unsupported file format',
    problem_import_unreadable_file: 'The file cannot be read',
    problem_import_unsafe_archive: 'Unsafe archive refused', problem_import_encoding: 'Wrong file encoding',
    problem_import_crs: 'Wrong coordinate system', problem_import_limit_exceeded: 'The file exceeds a limit',
    problem_import_invalid_rows: 'Some records are invalid; nothing imported',
    problem_import_empty: 'The file is empty',
    problem_ticket_illegal_transition: 'Not allowed in the current ticket status',
    problem_idempotency_key_missing: 'Idempotency-Key missing',
    problem_idempotency_key_reused: 'Idempotency-Key used for other content',
    problem_ticket_location: 'The ticket location is wrong',
    login_locked: 'Too many failed logins: try again in {m} min', login_unavailable: 'The service is unavailable: try again later',
    field_title: 'Transfer desk', field_households: 'My households', field_checkin: 'Shelter check-in', field_load: 'Show',
    field_code: 'Check-in code', field_checkin_do: 'Check in', field_scan: 'Scan (take a photo)', shelter: 'Shelter',
    field_offline: 'Offline: updates will be sent when back online', field_pending: '{n} update(s) waiting to be sent',
    field_none: 'Nobody to move in this grid', field_unit: ' unit', field_floor: 'F', field_unplaced: 'Not placed',
    field_cadre: 'Cadre', field_queued: 'waiting to send', field_note_REFUSED: 'Why does the household refuse?',
    field_note_WITH_RELATIVES: 'Where does the household stay?', field_not_sent: 'Not sent',
    field_already: 'Already checked in:', field_checked_in: 'Checked in:', field_next: 'Nearest shelters with room',
    field_no_code: 'No code found: take the photo again or type the code',
    unplaced_NO_CAPACITY: 'not enough shelter places', unplaced_NO_ACCESSIBLE_SHELTER: 'no accessible shelter',
    unplaced_NO_SHELTER: 'no shelter available', unplaced_NO_ROAD: 'no shelter reachable by road', route_length: 'route', routes: 'evacuation routes', route_via: 'via', route_access: 'straight to the road',
    evac_title: 'Evacuation', evac_total: 'To move', evac_no_cadre: 'without a cadre', evac_status: 'Status',
    evac_reserved: 'Planned, not there', evac_nearly_full: 'nearly full', evac_field_page: 'Transfer desk (phone)',
    evac_switch: 'Switch to flood mode', evac_confirm: 'Switch your whole area to flood mode for “{what}”? A transfer plan is made for every household that must move.', evac_confirm_yes: 'Switch now', evac_planning: 'Computing the transfer plan…',
    title: 'Grid map · flood response', scenario: 'Scenario', warning: 'Warning level', logout: 'Log out', login: 'Log in',
    username: 'User name', password: 'Password', login_first: 'Please log in.', shelter_flooded: 'inside a flood zone, depth', sheet_link_bad: 'The print link is incomplete (grid code or scenario missing); open it again from the grid panel.',
    households: 'Households', people: 'People', hh_unit: 'households', people_unit: 'people', vulnerable: 'Vulnerable',
    district: 'District', must_move: 'Must move', legend: 'Legend',
    no_results: 'No risk colours for this scenario yet: start a run.', not_computed: 'not computed', map: 'Map', field_call: 'Call', field_call_reason: 'transfer notice (grid worker calling)', field_no_phone: 'no phone on record', walkin_title: 'Register arrivals without a sheet', walkin_from: 'Coming from', walkin_do: 'Register', walkin_done: 'Registered', evac_export_xlsx: 'Export XLSX', evac_export_csv: 'Export CSV', evac_export_list: 'Export transfer list', skip_to_panel: 'Skip to the panel', search_label: 'Search places', menu: 'Menu', sheet_more: 'Show more', sheet_less: 'Show less', run_from: 'Colours from risk run {run} (rules version {rules}, {when})', run_start: 'Start the risk-colour run', run_again: 'Run the risk colours again', run_running: 'Computing risk colours', run_done: 'Run {run} finished: the map and figures are updated', run_failed: 'The run did not finish', street: 'Street', grids: 'Grids', total: 'Total', my_street: 'My street', my_community: 'My community', my_grid: 'My grid',
    buildings: 'Buildings', zones: 'Flood zones', shelters: 'Shelters', occupancy: 'Occupancy / capacity', waters: 'Rivers and lakes',
    areas: 'Areas', capacity: 'Capacity', depth: 'Depth', worst: 'Worst', login_failed: 'Wrong user name or password',
    search: 'Find an address, building, road, grid or community', search_none: 'No place matches', place_STREET: 'Street', place_COMMUNITY: 'Community', place_GRID: 'Grid', place_BUILDING: 'Building', place_ROAD: 'Road', community: 'Community', grid: 'Grid',
    stewards: 'Stewards', no_stewards: 'No steward assigned', findings: 'Coverage QA', no_findings: 'No findings',
    print_sheet: 'Print transfer sheet', close: 'Close', coverage_findings: 'Coverage findings', loading: 'Loading…',
    role_GRID_CHIEF: 'Grid chief', role_GRID_WORKER: 'Grid worker', role_BUILDING_CHIEF: 'Building chief',
    role_UNIT_CHIEF: 'Unit chief', role_STREET_CHIEF: 'Street chief', role_ROAD_CHIEF: 'Road chief', role_CADRE: 'Cadre',
    sheet_title: 'Grid transfer sheet', sheet_subtitle: 'Buildings and households · emergency control plan',
    building: 'Building', unit: 'Unit', floor: 'Floor', room: 'Room', members: 'People', contact: 'Contact',
    phone: 'Phone', color: 'Colour', depth_m: 'Water on floor (m)', above_water: 'above water', orientation: 'Paper', portrait: 'A4 portrait', landscape: 'A4 landscape', phones_label: 'Print with phones', phones_reason: 'Say why (e.g. calling every household tonight); it goes to the audit log', phones_print: 'Show phones', phones_shown: 'This list carries full phone numbers, printed with authorisation and audited; keep it safe or destroy it after use.', printed_at: 'Printed', total_move: 'Must move, total',
    signature: 'Grid chief signature', print: 'Print', back_to_map: 'Back to the map',
    sheet_none: 'No household of this grid must move at this warning level.',
    masked_note: 'Personal data masked; full records need authorisation and are audited.',
    register_title: 'Grid register', register_note: 'Names of grid staff are masked; the grids in force in the system are authoritative.', register_meta: '{grids} grids in force, {hh} households', register_link_bad: 'The register link is incomplete: no district, street or community code.', register_print: 'Print the grid register', signature_street: 'Signature (street or community)', grid_code: 'Grid code', area_km2: 'Area (km²)', since: 'In force since', rd_title: 'Redistricting', rd_new: 'New draft', rd_version: 'version', rd_area: 'Area', rd_summary: '{grids} grids, {in} within the household band, {out} outside; {hh} households · draft version {v}', rd_unassigned: '{n} buildings in no grid', rd_split: 'Split by a line', rd_lasso: 'Move buildings drawn around', rd_merge: 'Merge selected', rd_lock: 'Lock/unlock', rd_undo: 'Undo', rd_redo: 'Redo', rd_propose: 'Propose', rd_rebalance: 'Rebalance', rd_publish: 'Publish', rd_close: 'Close draft', rd_hint_split: 'Draw a line across the selected grid on the map, double-click to end; each building goes to the side holding most of it', rd_hint_lasso: 'Draw around buildings on the map, double-click to end; they move to the selected grid (or a new one)', rd_hint_select: 'Click a table row or a grid on the map to select it (tick “Select several”, or hold Ctrl/Shift, to add)', rd_proposed: 'Proposal in {s} s; {n} households ({p}%) change grid', rd_exceptions: '{n} cannot be in band (see checks)', rd_done: 'Published: {grids} grids in force; {tickets} tickets and {stewards} stewards moved with them', rd_key: 'No.', rd_name: 'Name', rd_band: 'Band', rd_contiguity: 'Contiguity', rd_compactness: 'Compactness', rd_colours: 'Risk colours (this scenario)', rd_checks: 'Checks', rd_clean: 'Checks passed: no gaps, no overlaps, every building whole', rd_locked: 'locked', rd_reload: 'Reload the draft', rd_confirm: 'Publish? {grids} grids and {hh} households take effect as drafted; the old grids stay as history; tickets and stewards move.', rd_publish_now: 'Publish now', rd_multi: 'Select several', rd_status_PUBLISHED: 'This draft is published and cannot change.', rd_status_STALE: 'Another draft over this area was published: this one is stale; start a new draft from the current grids.', lineage: 'Lineage', lineage_from: '{n} households from {grid} (version {v})', lineage_to: '{n} households of this code\'s older version went to {grid} (version {v}, from {when})', rd_diff: 'Changing grid: {b} buildings, {hh} households, {s} stewards, {t} open tickets, {x} transfers under way.', band_IN: 'in band', band_FEW: 'too few', band_MANY: 'too many', not_contiguous: 'not contiguous', finding_NOT_CONTIGUOUS: 'Grid in several parts', finding_GAP: 'Gap between grids', finding_OVERLAP: 'Grids overlap', finding_OUTSIDE_COMMUNITY: 'Outside its community',
    finding_INVALID_EDGE: 'Shared edge mismatch', finding_COMMUNITY_WITHOUT_GRIDS: 'Community without grids',
    finding_BUILDING_NO_GRID: 'Building in no grid', finding_BUILDING_SPLIT: 'Building cut by a grid boundary',
    finding_HOUSEHOLD_BAND: 'Households outside the band', finding_NO_GRID_CHIEF: 'No grid chief',
    finding_NO_GRID_WORKER: 'No grid worker',
    tickets: 'Tickets', ticket_new: 'File a ticket on the map', ticket_place: 'Click where it happened', category: 'Category',
    source: 'Source', source_patrol: 'Grid worker patrol', source_web: 'Web', description: 'Description', address: 'Address',
    reporter: 'Reporter', submit: 'Submit', cancel: 'Cancel', open_tickets: 'Open', all_tickets: 'All', overdue: 'Overdue',
    all_categories: 'All categories', possible_duplicates: 'Possible duplicates nearby:', routed_to: 'Grid',
    warn_boundary: 'Near a grid boundary: confirm the grid', warn_outside: 'Outside every grid: the nearest grid was taken, confirm it',
    ticket_filed: 'Filed ticket', network_retry: 'Network error: submit again (it cannot file twice)',
    more_in_view: '{n} in view, the first 50 listed', due: 'Due', ticket_stats: 'Ticket figures', received: 'Received',
    resolved_rate: 'Resolved', on_time_rate: 'Resolved on time', satisfaction_rate: 'Satisfaction', backlog: 'Open',
        action_CREATE: 'Filed', action_DISPATCH: 'Dispatched', action_START: 'Started', action_RESOLVE: 'Resolved',
    action_VISIT: 'Follow-up call', action_CLOSE: 'Closed', action_RETURN: 'Returned', action_REOPEN: 'Reopened',
    action_ESCALATE: 'Escalated', action_REROUTE: 'Rerouted', action_CALL: 'Departments called', action_REPORT: 'Department reported',
    action_LINK_DUPLICATE: 'Merged as duplicate', action_DUPLICATE_LINKED: 'Duplicate merged in', action_OVERDUE: 'Overdue',
    do_DISPATCH: 'Dispatch', do_START: 'Start', do_RESOLVE: 'Resolve', do_VISIT: 'Follow up', do_CLOSE: 'Close',
    do_RETURN: 'Return', do_REOPEN: 'Reopen', do_ESCALATE: 'Escalate', do_REROUTE: 'Reroute to grid',
    do_CALL: 'Call departments', do_REPORT: 'Department reports', do_LINK_DUPLICATE: 'Merge as duplicate',
    arg_assignee: 'Assignee', arg_note: 'Note', arg_rating: 'Satisfaction', arg_reason: 'Reason',
    arg_grid_code: 'New grid (15-digit code)', arg_departments: 'Departments (comma separated)',
    arg_department: 'Reporting department', arg_duplicate_of: 'Duplicate of ticket number', called_departments: 'Departments called', finding_area: 'area {n} m²', finding_length: 'length {n} m', finding_band_few: '{n} households, fewer than the {band} band', finding_band_many: '{n} households, more than the {band} band', finding_band_off: '{n} households outside the {band} band', structure_SINGLE_STOREY: 'single-storey', structure_BRICK_CONCRETE: 'brick-concrete', structure_FRAME: 'frame', structure_REINFORCED_CONCRETE: 'reinforced concrete', structure_OTHER: 'other structure', reveal_contact: 'Show contact', reveal_reason_hint: 'Reason (e.g. follow-up call), audited', rerouted: 'Rerouted', duplicate_of: 'Duplicate of', duplicate_linked: 'Duplicate merged in', rating_5: 'Very satisfied',
    rating_4: 'Satisfied', rating_3: 'Fairly satisfied', rating_2: 'Dissatisfied', rating_1: 'Very dissatisfied',
    assignee: 'Assignee', scenario_period: '1-in-{n}-year flood', scenario_RIVER: 'River flood', scenario_WATERLOGGING: 'Urban waterlogging', scenario_HISTORICAL: 'Historical flood', ticket_pin: 'Ticket location (arrow keys move it)', ticket_place_keys: 'Move the pin with the arrow keys (Shift: faster); its grid shows when it rests; Tab to the form', none_resolved: 'none resolved yet', choose: 'Choose', urgency: 'Urgency', urgent: 'Urgent', normal: 'Normal', in_view_only: 'Only tickets in the map view', all_in_area: 'All (not limited to the view)', more_in_area: '{n} in all, the first 50 listed', list_in_view: 'Only tickets inside the map view are listed; move the map or choose All for the rest',
  },
};

let lang = localStorage.getItem('gridmap.lang') || 'zh';

export function t(key) {
  return (WORDS[lang] && WORDS[lang][key]) || WORDS.zh[key] || key;
}

/** The word for {@code key}, or {@code fallback} (as it is) when there is none: for codes that come from the data. */
export function tOr(key, fallback) {
  return (WORDS[lang] && WORDS[lang][key]) || WORDS.zh[key] || fallback;
}

/**
 * A failed request in the page's language: the message for its problem type first, the server's detail (often
 * English) only after it; an error without a type (network, a page check) is its own message.
 */
export function problem(err) {
  const name = err && typeof err.type === 'string' ? err.type.replace(/^.*\/problems\//, '').replace(/-/g, '_') : null;
  const key = name ? 'problem_' + name : null;
  if (!key || !WORDS.zh[key]) return err && err.message ? err.message : String(err);
  const detail = !err.message || err.message === t(key) ? '' : lang === 'zh' ? `（${err.message}）` : ` (${err.message})`;
  return t(key) + detail;
}

/**
 * A time from the API as the office reads it: the API gives every time on the service's clock with its offset
 * (Asia/Shanghai, +08:00), so its own date and minute are shown, whatever zone the device is set to.
 */
export function when(iso) {
  const m = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d)/.exec(String(iso || ''));
  return m ? `${m[1]} ${m[2]}` : String(iso || '');
}

/** A scenario's name in the page's language: its own name in Chinese; in English, from its kind and period. */
export function scenarioName(s) {
  if (currentLang() !== 'en') return s.name;
  const kind = s.return_period_years ? t('scenario_period').replace('{n}', s.return_period_years)
    : t('scenario_' + s.kind);
  return `${kind} (${s.code})`;
}

const PUNCT = {
  zh: { colon: '：', open: '（', close: '）', list: '、', semi: '；', comma: '，' },
  en: { colon: ': ', open: ' (', close: ')', list: ', ', semi: '; ', comma: ', ' },
};

/** Punctuation of the page's language: colon, open/close bracket, list, semi, comma (full-width in Chinese). */
export function punct(kind) {
  return PUNCT[lang][kind];
}

/** Text in brackets of the page's language: （x） in Chinese, " (x)" in English. */
export function paren(x) {
  return PUNCT[lang].open + x + PUNCT[lang].close;
}

export function currentLang() {
  return lang;
}

/** Rewrites every [data-i18n] element and the page language. */
export function apply() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-i18n]').forEach(el => { el.textContent = t(el.dataset.i18n); });
  document.querySelectorAll('[data-i18n-label]').forEach(el => el.setAttribute('aria-label', t(el.dataset.i18nLabel)));
  document.querySelectorAll('[data-i18n-placeholder]').forEach(el => { el.placeholder = t(el.dataset.i18nPlaceholder); });
  for (const id of ['lang', 'login-lang']) {
    const button = document.getElementById(id);
    if (button) button.textContent = lang === 'zh' ? 'EN' : '中文';
  }
}

export function toggle() {
  lang = lang === 'zh' ? 'en' : 'zh';
  localStorage.setItem('gridmap.lang', lang);
  apply();
}
