// Draws #alerts-chart with uPlot from the figures of table#alerts-table (which stays the source
// and the fallback without JavaScript). No inline script: the console's content security policy
// allows scripts from the application only.
(function () {
	'use strict';
	var table = document.getElementById('alerts-table');
	var target = document.getElementById('alerts-chart');
	if (!table || !target || typeof uPlot === 'undefined') {
		return;
	}
	var rows = Array.prototype.slice.call(table.querySelectorAll('tbody tr')).reverse();
	var x = [], sent = [], failed = [], held = [], limited = [];
	rows.forEach(function (row) {
		x.push(Number(row.getAttribute('data-epoch')));
		sent.push(Number(row.querySelector('.sent').textContent));
		failed.push(Number(row.querySelector('.failed').textContent));
		held.push(Number(row.querySelector('.held').textContent));
		limited.push(Number(row.querySelector('.rate-limited').textContent));
	});
	function size() {
		return { width: Math.max(280, target.clientWidth - 2), height: (window.innerWidth < 640) ? 200 : 260 };
	}
	var options = {
		width: size().width,
		height: size().height,
		series: [
			{},
			{ label: 'Sent', stroke: '#1f5fbf', width: 1.5 },
			{ label: 'Failed', stroke: '#b42318', width: 1.5 },
			{ label: 'Held', stroke: '#a45f00', width: 1.5 },
			{ label: '429s', stroke: '#6b3fa0', width: 1.5, dash: [4, 3] }
		],
		axes: [{}, { size: 40 }],
		scales: { y: { range: function (u, min, max) { return [0, Math.max(1, max)]; } } }
	};
	var chart = new uPlot(options, [x, sent, failed, held, limited], target);
	target.classList.add('drawn');
	window.addEventListener('resize', function () {
		chart.setSize(size());
	});
}());
