// The site's plotly.js, the smallest bundle that draws its charts: plotly.js/src/core.js without the
// components no chart uses (3D annotations, images, selections, sliders, update menus, range
// sliders and selectors, error bars), the trace types of generator/site/charts.py, trends.py and
// compare.py (scatter, in the core, bar, pie, sunburst), and the zh-CN locale.
'use strict';

exports.version = require('plotly.js/src/version').version;
require('native-promise-only');
require('plotly.js/build/plotcss');
var Registry = require('plotly.js/src/registry');
var register = exports.register = Registry.register;
var plotApi = require('plotly.js/src/plot_api');
Object.keys(plotApi).forEach(function (name) {
    if (name.charAt(0) !== '_') exports[name] = plotApi[name];
    register({ moduleType: 'apiMethod', name: name, fn: plotApi[name] });
});
register(require('plotly.js/src/traces/scatter'));
register([
    require('plotly.js/src/components/annotations'),
    require('plotly.js/src/components/shapes'),
    require('plotly.js/src/components/grid'),
    require('plotly.js/src/components/colorscale'),
    require('plotly.js/src/components/colorbar'),
    require('plotly.js/src/components/legend'),
    require('plotly.js/src/components/fx'),
    require('plotly.js/src/components/modebar'),
]);
register([require('plotly.js/src/locale-en'), require('plotly.js/src/locale-en-us')]);
exports.Icons = require('plotly.js/src/fonts/ploticon');
register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/pie'),
    require('plotly.js/lib/sunburst'),
    require('plotly.js/lib/locales/zh-cn'),
]);
exports.setPlotConfig = plotApi.setPlotConfig;
exports.setPlotConfig({ locale: 'zh-CN' });
