// The labelled name pairs the matcher is measured on, written by hand for this test.
//
// Each pair is (a name as a supplier might write it, the listed party it is — or null for a
// party on no bundled list). Kinds:
//   variant   — a listed party's name written another way: case, punctuation, legal form,
//               abbreviation, word order, a typo, glued or split words, the native script.
//   affiliate — a subsidiary or joint venture of a listed party, caught directly or through its
//               owner (the expected name is the affiliate as the list spells it).
//   lookalike — an innocent company whose name resembles a listed one: a shared generic word or
//               place, a similar syllable, a shared prefix, a former subsidiary sold before the
//               screening date.
//   unrelated — other telecom and security companies, on no list.
// Screened against the bundled lists as of SCREEN_DATE. Nothing here was tuned away after
// measuring: cases the matcher gets wrong stay in and count against it.
export const SCREEN_DATE = '2026-08-01';

export type PairKind = 'variant' | 'affiliate' | 'lookalike' | 'unrelated';
export interface LabelledPair {
  query: string;
  /** The listed party (or listed-party affiliate) it is, as a list spells it; null = innocent. */
  expect: string | null;
  kind: PairKind;
}

const v = (expect: string, ...queries: string[]): LabelledPair[] => queries.map((query) => ({ query, expect, kind: 'variant' }));
const a = (expect: string, ...queries: string[]): LabelledPair[] => queries.map((query) => ({ query, expect, kind: 'affiliate' }));
const no = (kind: 'lookalike' | 'unrelated', ...queries: string[]): LabelledPair[] => queries.map((query) => ({ query, expect: null, kind }));

export const LABELLED_PAIRS: readonly LabelledPair[] = [
  ...v('Huawei Technologies Co., Ltd.',
    'HUAWEI TECHNOLOGIES CO.,LTD', 'Huawei Tech. Co. Ltd', 'Huawei Technologies Co Ltd', 'huawei technologies company limited',
    'Huawei Technologies Company', 'HUAWEI TECH CO LTD', 'Technologies Huawei Co.', 'Huawei Technologies Co., Ltd. (Shenzhen)',
    'Huawai Technologies', 'Huawei Technolgies Co Ltd', 'HuaweiTech', 'Huawei-Technologies', '华为技术有限公司', 'Huawei',
    'HUAWEI TECHNOLOGIES CO., LTD.', 'The Huawei Technologies Company', 'Huawei Technologies Co, Limited', 'Huawei Techologies Co.',
    'Hua Wei Technologies', 'HUAWEI'),
  ...v('Huawei Investment & Holding Co., Ltd.',
    'Huawei Investment and Holding Co Ltd', 'HUAWEI INVESTMENT & HOLDING CO.,LTD.', 'Huawei Investment Holding', '华为投资控股有限公司',
    'Huawei Invest. & Holdings Co.', 'Holding Huawei Investment'),
  ...v('ZTE Corporation',
    'ZTE Corp', 'ZTE CORPORATION', 'Z.T.E. Corporation', 'Zhongxing Telecommunication Equipment Corp', 'Zhongxing Telecom Co Ltd',
    'ZTE Corp.', 'Zhong Xing Telecommunication Equipment Corporation', 'zte corporation ltd', 'Zhongxing Telecommunications Equipment Co'),
  ...v('Hytera Communications Corp.',
    'Hytera Communications Corporation Limited', 'HYTERA COMMUNICATIONS CO LTD', 'Hytera Comm. Corp.', 'Hytera', 'Hytera Communication Corp',
    'Hytra Communications', 'Hytera Communications Co., Ltd'),
  ...v('Hangzhou Hikvision Digital Technology Co., Ltd.',
    'Hangzhou Hikvision Digital Technology Co Ltd', 'HIKVISION', 'Hik Vision', 'Hikvision Digital Technology', 'Hangzhou Hik-Vision Digital Tech Co., Ltd.',
    'Hikvison', '海康威视数字技术股份有限公司', 'Hangzhou Hikvision', 'Hikvision Digital Technology Co Ltd', 'HIK-VISION'),
  ...v('Zhejiang Dahua Technology Co., Ltd.',
    'Zhejiang Dahua Technology Co Ltd', 'Dahua Technology', 'DAHUA TECHNOLOGY CO.,LTD', 'Zhejiang Dahua Tech.', 'Dahua Tech Co',
    '浙江大华技术股份有限公司', 'Dahau Technology', 'Dahua Technology Co.'),
  ...v('HiSilicon Technologies Co., Ltd.',
    'HiSilicon Technologies Co Ltd', 'Hisilicon Tech', 'HISILICON TECHNOLOGIES CO., LIMITED', 'Hi Silicon Technologies', 'Hisilicon'),
  ...v('Huawei Device Co., Ltd.',
    'Huawei Device Co Ltd', 'HUAWEI DEVICE CO.,LTD.', 'Huawei Devices Co., Ltd.', '华为终端有限公司', 'Huawei Device'),
  ...v('Huawei Technologies Japan K.K.',
    'Huawei Technologies Japan KK', 'HUAWEI TECHNOLOGIES JAPAN K.K.', '華為技術日本株式会社', 'Huawei Japan', 'Huawei Technologies Japan Kabushiki Kaisha'),
  ...v('Huawei Technologies Deutschland GmbH',
    'HUAWEI TECHNOLOGIES DEUTSCHLAND GMBH', 'Huawei Technologies Germany GmbH', 'Huawei Tech Deutschland', 'Huawei Technologies Deutschland G.m.b.H.'),
  ...v('Huawei Cloud Berlin', 'Huawei Cloud Berlin GmbH', 'HUAWEI CLOUD BERLIN'),
  ...v('Huawei Cloud France', 'HUAWEI CLOUD FRANCE SAS', 'Huawei Cloud France S.A.S.'),
  ...v('Huawei OpenLab Paris', 'Huawei OpenLab Paris', 'Huawei Open Lab Paris'),
  ...v('Huawei OpenLab Munich', 'Huawei Open Lab Munich', 'Huawei OpenLab München'),
  ...v('Huawei Cloud Hong Kong', 'Huawei Cloud Hong Kong Ltd', 'Huawei Cloud (Hong Kong) Limited'),
  ...v('Huawei Cloud Computing Technology', 'Huawei Cloud Computing Technology Co Ltd', 'Huawei Cloud Computing Technologies Co., Ltd.'),
  ...v('Wulanchabu Huawei Cloud Computing Technology', 'Wulanchabu Huawei Cloud Computing Technology Co'),
  ...v('Huawei Cloud Argentina', 'Huawei Cloud Argentina S.A.'),
  ...v('Huawei Cloud Brazil', 'Huawei Cloud Brasil', 'Huawei Cloud Brazil Ltda'),
  ...v('Huawei Cloud Chile', 'Huawei Cloud Chile SpA'),
  ...v('Huawei OpenLab Cairo', 'Huawei OpenLab Cairo'),
  ...v('Huawei Cloud Dalian', 'Huawei Cloud Dalian Co.'),
  ...v('Huawei OpenLab Suzhou', 'HUAWEI OPENLAB SUZHOU'),
  ...v('China Mobile Communications Group Co., Ltd.',
    'China Mobile Communications Group Co., Ltd', 'CHINA MOBILE COMMUNICATIONS GROUP', 'China Mobile Communication Group Co Ltd', '中国移动通信集团有限公司'),
  ...v('China Mobile Limited', 'China Mobile Ltd.', 'CHINA MOBILE LIMITED'),
  ...v('China Telecom Corporation Limited', 'China Telecom Corporation Ltd', 'China Telecom Corp Ltd', 'CHINA TELECOM CORPORATION LIMITED'),
  ...v('China Telecommunications Group Co., Ltd.', 'China Telecom Group', 'China Telecommunications Group Co Ltd'),
  ...v('China United Network Communications Group Co., Ltd.',
    'China United Network Communications Group Co Ltd', 'China Unicom', 'CHINA UNICOM', '中国联合网络通信集团有限公司', 'China United Network Communications'),
  ...v('Inspur Group Co., Ltd.', 'Inspur Group Co Ltd', 'INSPUR GROUP', 'Inspur', '浪潮集团有限公司'),
  ...v('SZ DJI Technology Co., Ltd.', 'SZ DJI Technology Co Ltd', 'DJI', 'SZ DJI Technology', 'Da Jiang Innovations', '深圳市大疆创新科技有限公司', 'Da-Jiang Innovations Science and Technology'),
  ...v('Autel Robotics Co., Ltd.', 'Autel Robotics Co Ltd', 'AUTEL ROBOTICS', 'Autel Robotic Co.'),
  ...v('Baicells Technologies Co., Ltd.', 'Baicells Technologies Co., Ltd.', 'BaiCells Technologies', 'Baicells Tech Co', 'Bai Cells Technologies'),

  ...a('Hangzhou Ezviz Software Co., Ltd.', 'Hangzhou Ezviz Software Co Ltd', 'EZVIZ', 'Ezviz Inc', 'EZVIZ Software Co., Ltd.'),
  ...a('Futurewei Technologies, Inc.', 'Futurewei Technologies Inc', 'FutureWei Technologies, Inc.', 'FUTUREWEI TECHNOLOGIES'),
  ...a('Huawei Symantec Technologies Co., Ltd.', 'Huawei Symantec Technologies Co Ltd', 'Huawei-Symantec Technologies'),
  ...a('Shanghai ZTE Technologies Co., Ltd.', 'Shanghai ZTE Technologies Co Ltd', 'SHANGHAI ZTE TECHNOLOGIES CO.,LTD.'),
  ...a('Prama Hikvision India Private Limited', 'Prama Hikvision India Pvt Ltd', 'PRAMA HIKVISION INDIA PRIVATE LIMITED'),
  ...a('HiSilicon Technologies Co., Ltd.', '海思半导体有限公司'),
  ...a('Huawei Device Co., Ltd.', 'Huawei Device Company Limited'),
  ...a('Huawei Technologies Japan K.K.', 'Huawei Technologies Japan'),

  ...no('lookalike',
    'Huaxia Technologies Ltd', 'Huatai Securities Co Ltd', 'Huaxin Cement Co Ltd', 'Huayi Brothers Media Corp', 'Zhejiang Huayou Cobalt Co Ltd',
    'Shanghai Dahua Scale Factory', 'Dahuang Pharmaceutical Co', 'Hikari Tsushin Inc', 'Hikma Pharmaceuticals PLC', 'Vision Hi-Tech Ltd',
    'ZTT International Ltd', 'ZTO Express (Cayman) Inc.', 'ZT Systems', 'Hytec Inter Co Ltd', 'Hyterra Solar GmbH', 'Hyundai Communications',
    'Inspire Group Ltd', 'Inspirit Group', 'Autotel Systems', 'Baicheng Technologies', 'BaiChuan Intelligence', 'Bailey Cells Ltd',
    'China Mobile Games & Entertainment', 'China Mobility Partners', 'China Telecom Tower Corporation', 'China United Airlines',
    'United Network Communications Inc', 'Honor Device Co., Ltd.', 'Honor', 'Cloud Berlin GmbH', 'OpenLab Paris SARL', 'Paris Cloud France',
    'Digital Technology Co Ltd', 'Hangzhou Digital Technology Co', 'Zhejiang Technology Co Ltd', 'Shenzhen Technologies Co Ltd',
    'Japan Technologies K.K.', 'Deutschland Technologies GmbH', 'Technologies Holding Company', 'Investment & Holding Co Ltd',
    'Huaweii Bakery'.replace('Huaweii', 'Hualian'), 'Hualong Telecom', 'Huamei Communications', 'Weihua Technologies', 'Dajiang Foods',
    'Autelia Robotics Research', 'Robotics Co Ltd', 'Cells Technologies Ltd', 'Silicon Technologies Inc', 'HiTech Silicon Ltd',
    'Mobile Communications Group', 'Telecom Corporation Limited', 'China Technologies Group', 'Zhongxin Telecom Services', 'Zhongtian Technology',
    'Hik Ventures LLC', 'EZ Vision Systems', 'Symantec Corporation', 'Future Technologies Inc', 'Prama India Pvt Ltd'),
  ...no('unrelated',
    'Ericsson AB', 'Nokia Solutions and Networks Oy', 'Cisco Systems, Inc.', 'Juniper Networks', 'Samsung Electronics Co., Ltd.', 'NEC Corporation',
    'Fujitsu Limited', 'Telefonaktiebolaget LM Ericsson', 'Deutsche Telekom AG', 'Vodafone GmbH', 'Telecom Italia S.p.A.', 'NTT Docomo',
    'KDDI Corporation', 'SoftBank Corp.', 'Orange S.A.', 'BT Group plc', 'Arista Networks', 'Ciena Corporation', 'MikroTik SIA',
    'Axis Communications AB', 'Motorola Solutions Inc', 'Bosch Security Systems', 'Hanwha Vision Co., Ltd.', 'Siemens AG',
    'FiberHome Telecommunication Technologies Co., Ltd.', 'New H3C Technologies Co., Ltd.', 'Ruijie Networks', 'Ubiquiti Inc.',
    'TP-Link Technologies Co., Ltd.', 'Netgear Inc', 'Telstra Corporation', 'Rakuten Mobile', 'Lenovo Group Limited', 'Xiaomi Corporation'),
];
