// The site's plotly.js: core + the trace types the charts use + the zh-CN locale.
'use strict';

var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/pie'),
    require('plotly.js/lib/sunburst'),
    require('plotly.js/lib/treemap'),
    require('plotly.js/lib/scatter'),
    require('plotly.js/lib/locales/zh-cn'),
]);
Plotly.setPlotConfig({ locale: 'zh-CN' });

module.exports = Plotly;
