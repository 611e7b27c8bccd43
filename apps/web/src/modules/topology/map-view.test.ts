import { expect, test } from 'vitest';
import { project } from './map-view';

test('projects the bounding box into the drawing, north up', () => {
  const proj = project([
    { latitude: -6.2, longitude: 106.8 },
    { latitude: -6.3, longitude: 106.9 },
  ]);
  expect(proj.y(-6.2)).toBeLessThan(proj.y(-6.3));
  expect(proj.x(106.8)).toBeLessThan(proj.x(106.9));
  for (const v of [proj.x(106.8), proj.x(106.9)]) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1000);
  }
  expect(proj.lonLines.length).toBeGreaterThan(1);
});

test('a single point sits in the middle', () => {
  const proj = project([{ latitude: -6.2, longitude: 106.8 }]);
  expect(Math.round(proj.x(106.8))).toBe(500);
  expect(Math.round(proj.y(-6.2))).toBe(320);
});
