import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ExtractedGraph } from '../../server/extract/schema.js';
import { extractFile } from '../../server/import/pipeline.js';
import { fromRoot } from '../../server/paths.js';

// What an analyst reads in each sample brief, checked against the importer's output.
interface Expected {
  file: string;
  briefDate?: string;
  policies: { title: string; titleZh: string; date: string; issuers: string[]; lead: string; status?: 'draft' | 'final' }[];
  policyNews: string[];
  corporateNews: string[];
  companies: string[];
  notCompanies: string[];
}

const SEEDS: Expected[] = [
  {
    file: '000_483cb3f9e9174233.txt',
    policies: [
      {
        title:
          'Opinions of the Chinese Communist Party Central Committee and the State Council on Building Basic Data Systems to Better Bring into Play the Role of Data Factors',
        titleZh: '中共中央 国务院关于构建数据基础制度更好发挥数据要素作用的意见',
        date: '2022-12-19',
        issuers: ['CCPCC', 'STATE_COUNCIL'],
        lead: 'CCPCC',
      },
      {
        title: 'Guiding Opinions on Promoting the Development of the Data Security Industry',
        titleZh: '工业和信息化部等十六部门关于促进数据安全产业发展的指导意见',
        date: '2023-01-13',
        issuers: ['MIIT', 'CAC'],
        lead: 'MIIT',
      },
      {
        title:
          'Notice on Carrying out Pilot Work on Identification Standards for "Expert and Urgently Needed" Foreign Talent in Shenzhen / Guangzhou / Hangzhou / Chongqing / Shanghai / Beijing',
        titleZh: '科技部办公厅人力资源社会保障部办公厅关于在深圳/广州/杭州/重庆/上海/北京开展外籍“高精尖缺”人才认定标准试点工作的通知',
        date: '2023-01-06',
        issuers: ['MOST', 'MOHRSS'],
        lead: 'MOST',
      },
      {
        title: 'Three-year Action Plan to Accelerate the Innovation and Development of Non-food Bio-based Materials',
        titleZh: '工业和信息化部等六部门关于印发加快非粮生物基材料创新发展三年行动方案的通知',
        date: '2022-01-13',
        issuers: ['MIIT', 'NDRC', 'MOF', 'MEE', 'MARA', 'SAMR'],
        lead: 'MIIT',
      },
      {
        title: 'Notice on Organizing and Carrying out the Work of Unveiling the List of Innovation Tasks for Biomedical Materials (First Batch)',
        titleZh: '两部门关于组织开展生物医用材料创新任务揭榜挂帅(第一批)工作的通知',
        date: '2022-12-15',
        issuers: ['MIIT', 'NMPA'],
        lead: 'MIIT',
      },
    ],
    policyNews: ['2022-12-15', '2022-12-26', '2022-12-28', '2022-12-30', '2023-01-11', '2023-01-17'],
    corporateNews: ['2022-11-30', '2022-12-06', '2022-12-28', '2022-12-30', '2023-01-12', '2023-01-12', '2023-01-13'],
    companies: ['Alibaba', 'Tencent', 'Volkswagen', 'PowerChina', 'Merck', 'Bosch', 'Tesla'],
    notCompanies: ['Financial Times', 'Bloomberg', 'Reuters', 'South China Morning Post', 'Shanghai', 'Anhui'],
  },
  {
    file: '001_1d74fb64a44c94fe.txt',
    policies: [
      {
        title: 'Interim Measures for the Administration of Cooperative Innovative Procurement Methods in Government Procurement',
        titleZh: '关于印发《政府采购合作创新采购方式管理暂行办法》的通知',
        date: '2024-04-26',
        issuers: ['MOF'],
        lead: 'MOF',
      },
      {
        title: 'Action Plan to Accelerate the Cultivation of Digital Talents to Support the Development of the Digital Economy (2024-2026)',
        titleZh: '加快数字人才培育支撑数字经济发展行动方案(2024—2026年)',
        date: '2024-04-02',
        issuers: ['MOHRSS', 'ORG_DEPT', 'CAC', 'NDRC', 'MOE', 'MOST', 'MIIT', 'MOF', 'NDA'],
        lead: 'MOHRSS',
      },
      {
        title: 'Implementation Plan for Promoting Equipment Updates in the Industrial Field',
        titleZh: '工业和信息化部等七部门关于印发推动工业领域设备更新实施方案的通知',
        date: '2024-04-09',
        issuers: ['MIIT', 'NDRC', 'MOF', 'PBOC', 'STA', 'SAMR', 'NFRA'],
        lead: 'MIIT',
      },
      {
        title: 'Artificial Intelligence Model Law Version 2.0 (Expert Suggestion Draft)',
        titleZh: '人工智能示范法2.0(专家建议稿)',
        date: '2024-04-16',
        issuers: ['CASS'],
        lead: 'CASS',
        status: 'draft',
      },
      {
        title: 'Notice on Launching a Pilot Program to Expand the Opening Up of Value-Added Telecommunications Services',
        titleZh: '工业和信息化部关于开展增值电信业务扩大对外开放试点工作的通告',
        date: '2024-04-10',
        issuers: ['MIIT'],
        lead: 'MIIT',
      },
    ],
    policyNews: ['2024-04-02', '2024-04-02', '2024-04-08', '2024-04-10', '2024-04-17', '2024-04-19', '2024-04-24', '2024-04-28'],
    corporateNews: ['2024-04-05', '2024-04-10', '2024-04-14', '2024-04-20', '2024-04-26', '2024-04-30', '2024-04-30'],
    companies: ['Phoenix Wings', 'BMW', 'China Southern Airlines', 'Tesla', 'Baidu'],
    notCompanies: ['Yicai', 'Global Times', 'Reuters', 'Shenyang', 'Greater Bay Area', 'Zhou Hui'],
  },
  {
    file: '002_99a66f531def86f7.txt',
    briefDate: '2021-12-07',
    policies: [
      {
        title: '14th Five-Year Plan for the Development of the ICT Industry',
        titleZh: '工业和信息化部关于印发“十四五”信息通信行业发展规划的通知',
        date: '2021-11-16',
        issuers: ['MIIT'],
        lead: 'MIIT',
      },
      {
        title: '14th Five-Year Plan for National Intellectual Property Protection and Utilization',
        titleZh: '国务院关于印发“十四五”国家知识产权保护和运用规划的通知',
        date: '2021-10-28',
        issuers: ['STATE_COUNCIL'],
        lead: 'STATE_COUNCIL',
      },
      {
        title: 'Lithium-ion Battery Industry Regulatory Conditions (2021) (Draft for Comment)',
        titleZh: '锂离子电池行业规范条件 (2021 年本) (征求意见稿)',
        date: '2021-11-18',
        issuers: ['MIIT'],
        lead: 'MIIT',
        status: 'draft',
      },
      {
        title: 'Implementation Plan to Promote the High-Quality Development of the API Industry',
        titleZh: '关于推动原料药产业高质量发展实施方案的通知',
        date: '2021-11-09',
        issuers: ['NDRC', 'MIIT'],
        lead: 'NDRC',
      },
      {
        title: 'Measures for Data Export Security Evaluation (Draft for Comments)',
        titleZh: '国家互联网信息办公室关于《数据出境安全评估办法（征求意见稿）》公开征求意见的通知',
        date: '2021-10-29',
        issuers: ['CAC'],
        lead: 'CAC',
        status: 'draft',
      },
    ],
    policyNews: ['2021-11-03', '2021-11-09', '2021-11-10', '2021-11-11', '2021-11-14', '2021-11-15', '2021-11-22', '2021-11-23'],
    corporateNews: ['2021-11-01', '2021-11-03', '2021-11-03', '2021-11-25', '2021-11-26', '2021-11-28'],
    companies: ['Yahoo', 'Tencent', 'Naura', 'Baidu', 'Pony.ai', 'Tesla', 'Xiaomi', 'CATL'],
    notCompanies: ['Sina', 'Caixin', 'Sohu', 'Gasgoo', 'Liu He', 'Beijing'],
  },
  {
    file: '003_5dfaceee19610131.txt',
    policies: [
      {
        title: '"14th Five-Year" Special Plan for the Technology Factors Market',
        titleZh: '“十四五”技术要素市场专项规划',
        date: '2022-10-25',
        issuers: ['MOST'],
        lead: 'MOST',
      },
      {
        title: 'Notice on Improving the Collaborative and Stable Development of the Lithium-ion Battery Industry Supply Chain',
        titleZh: '关于做好锂离子电池产业链供应链协同稳定发展工作的通',
        date: '2022-11-18',
        issuers: ['MIIT', 'SAMR'],
        lead: 'MIIT',
      },
      {
        title:
          'Notice on Intellectual Property Rights Measures to Help the Innovation and Development of "Specialized and Sophisticated" Small and Medium-Sized Enterprises',
        titleZh: '关于知识产权助力专精特新中小企业创新发展若干措施的通知',
        date: '2022-10-28',
        issuers: ['CNIPA', 'MIIT'],
        lead: 'CNIPA',
      },
      {
        title: '14th Five-Year Plan for National High-Tech Industrial Development Zones',
        titleZh: '“十四五”国家高新技术产业开发区发展规划',
        date: '2022-11-09',
        issuers: ['MOST'],
        lead: 'MOST',
      },
      {
        title: 'Virtual Reality and Manufacturing Application Integration Development Action Plan (2022-2026)',
        titleZh: '虚拟现实与行业应用融合发展行动计划(2022—2026年)',
        date: '2022-11-01',
        issuers: ['MIIT', 'MOE', 'MCT', 'NRTA', 'GASC'],
        lead: 'MIIT',
      },
    ],
    policyNews: ['2022-10-26', '2022-10-28', '2022-11-07', '2022-11-11', '2022-11-15', '2022-11-18', '2022-11-18', '2022-11-28'],
    corporateNews: ['2022-10-31', '2022-11-04', '2022-11-07', '2022-11-08', '2022-11-14', '2022-11-23', '2022-11-24'],
    companies: [
      'Baowu',
      'COFCO',
      'Shell',
      'Sinopec',
      'BASF',
      'China Aviation Supplies',
      'Airbus',
      'Renault',
      'Geely',
      'BMW',
      'General Motors',
      'SAIC Motor',
      'CATL',
      'BYD',
    ],
    notCompanies: ['Economic Information Daily', 'Electrive', 'Pinghu', 'Shenyang'],
  },
  {
    file: '004_5729922ff7017db5.txt',
    briefDate: '2024-03-06',
    policies: [
      {
        title: 'Implementation Plan for Improving Data Security Capabilities in the Industrial Sector (2024-2026)',
        titleZh: '工业和信息化部关于印发《工业领域数据安全能力提升实施方案（2024-2026年）》的通知',
        date: '2024-02-26',
        issuers: ['MIIT'],
        lead: 'MIIT',
      },
      {
        title: 'Action Plan for the “Penetration” of the Industrial Internet Identification Analysis System (2024-2026)',
        titleZh: '工业和信息化部等十二部门关于印发《工业互联网标识解析体系“贯通”行动计划（2024-2026年）》的通知',
        date: '2024-01-31',
        issuers: ['MIIT', 'MOE', 'MOST', 'MOHRSS', 'MEE', 'MOHURD', 'NHC', 'MEM', 'PBOC', 'SASAC', 'SAMR', 'CSRC'],
        lead: 'MIIT',
      },
      {
        title: 'Announcement of the first batch of shortlisted pilot projects of “Broadband Network + Healthy Countryside”',
        titleZh: '两部门关于公布“宽带网络+健康乡村”入围应用试点项目（第一批）的通知',
        date: '2024-02-01',
        issuers: ['MIIT', 'NHC'],
        lead: 'MIIT',
      },
      {
        title: 'Ethical Guidelines for Brain Computer Interface Research',
        titleZh: '脑机接口研究伦理指引',
        date: '2024-02-02',
        issuers: ['MOST'],
        lead: 'MOST',
      },
      // The brief writes "MOHURD" after "Ministry of Human Resources and Social Security"; the Chinese title settles it.
      {
        title: 'Notice on the Implementation of the High-skilled Leading Talent Cultivation Plan',
        titleZh: '人力资源社会保障部等七部门关于实施高技能领军人才培养计划的通知',
        date: '2024-02-07',
        issuers: ['MOHRSS', 'NDRC', 'MOE', 'MOST', 'MOF', 'SASAC', 'ACFTU'],
        lead: 'MOHRSS',
      },
    ],
    policyNews: ['2024-02-04', '2024-02-04', '2024-02-09', '2024-02-18', '2024-02-19', '2024-02-21', '2024-02-23'],
    corporateNews: ['2024-02-02', '2024-02-05', '2024-02-06', '2024-02-06', '2024-02-07', '2024-02-09', '2024-02-14'],
    companies: ['SenseTime', 'Mercedes-Benz', 'BMW Brilliance Automotive', 'SMIC', 'I-Mab', 'BASF', 'Volkswagen'],
    notCompanies: ['Financial Times', 'Handelsblatt', 'The Guardian', 'Xinjiang', 'Xi Jinping', 'State Administration for Market Regulation'],
  },
];

const norm = (s: unknown) =>
  String(s ?? '')
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

function view(g: ExtractedGraph) {
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  const of = (label: string) => g.nodes.filter((n) => n.label === label);
  return { byId, of };
}

describe.each(SEEDS)('seed brief $file', (exp) => {
  const g = extractFile(fromRoot('seeds', exp.file));
  const { byId, of } = view(g);

  it('has the five write-ups with exact titles, Chinese titles, dates and issuing agencies', () => {
    // The write-ups' policies; news lines state more (extraction 'news', scored by score-news-policies).
    const policies = of('Policy').filter((n) => n.properties.extraction !== 'news');
    expect(policies).toHaveLength(5);
    for (const p of exp.policies) {
      const node = policies.find((n) => norm(n.properties.title) === norm(p.title));
      expect(node, p.title).toBeDefined();
      expect(node!.properties.titleZh).toBe(p.titleZh);
      expect(node!.properties.date).toBe(p.date);
      expect(node!.properties.status).toBe(p.status ?? 'final');
      const issued = g.relationships.filter((r) => r.type === 'ISSUED_BY' && r.source === node!.id);
      expect(issued.map((r) => r.target.replace('agency:', '')).sort()).toEqual([...p.issuers].sort());
      expect(issued.filter((r) => r.properties.lead).map((r) => r.target)).toEqual([`agency:${p.lead}`]);
      expect(g.relationships.some((r) => r.type === 'TARGETS' && r.source === node!.id)).toBe(true);
    }
  });

  it('has every policy and corporate news item with its ISO date', () => {
    const dates = (kind: string) =>
      of('NewsItem')
        .filter((n) => n.properties.kind === kind)
        .map((n) => n.properties.date)
        .sort();
    expect(dates('policy')).toEqual([...exp.policyNews].sort());
    expect(dates('corporate')).toEqual([...exp.corporateNews].sort());
  });

  it('names the companies and no outlets, places or people as companies', () => {
    const names = of('Company').flatMap((c) => [c.properties.name as string, ...((c.properties.aliases as string[]) ?? [])]);
    for (const c of exp.companies)
      expect(
        names.some((n) => n === c || n.startsWith(`${c} `)),
        c,
      ).toBe(true);
    for (const c of exp.notCompanies) expect(names, c).not.toContain(c);
  });

  it('traces every relationship to its brief, sentence and line', () => {
    for (const r of g.relationships) {
      expect(r.properties.brief).toBe(exp.file.replace('.txt', ''));
      expect(String(r.properties.evidence).length).toBeGreaterThan(3);
      expect(byId.has(r.source) && byId.has(r.target)).toBe(true);
    }
  });

  if (exp.briefDate) it('reads the stated publication date', () => expect(of('Brief')[0]!.properties.date).toBe(exp.briefDate));
});

describe('seeds folder', () => {
  it('holds the five sample briefs', () => {
    expect(fs.readdirSync(fromRoot('seeds')).filter((f) => f.endsWith('.txt'))).toHaveLength(5);
  });
});
