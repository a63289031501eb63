import type { Page } from '@playwright/test';
import { expect, test } from '../../support/app-fixture.js';
import { guardCsp } from '../../support/csp-guard.js';
import { tileNames } from '../../support/wall-dom.js';

test.use({ hostOnly: true });

/** The name of the wall a window shows, as its switcher says. */
function shownWall(page: Page): Promise<string> {
  return page.getByTestId('wall-select').locator('option:checked').innerText();
}

test('每个窗口一面墙；新建、切换、删除可撤销；预案保存所有墙并一键调用，调用可撤销', async ({ app }) => {
  test.setTimeout(150_000);
  const testInfo = test.info();
  const { page: one, host } = app;
  await expect.poll(() => tileNames(one)).toEqual(['CAM-01 H.264 PTZ', 'CAM-02 H.265', '', '']);
  expect(await shownWall(one)).toBe('墙 1');

  // A second monitor's window (?window=2) starts on the same wall, then gets its own.
  const url = new URL(await host!.newPageUrl());
  url.search = '?window=2';
  const two = await one.context().browser()!.newPage({ viewport: { width: 1280, height: 800 } });
  const csp = await guardCsp(two);
  await two.goto(url.toString());
  await expect(two.getByTestId('wall-select')).toBeVisible();
  await two.getByTestId('walls-manage').click();
  await two.getByTestId('walls-create').click();
  await expect(two.getByTestId('walls-note')).toHaveText('请输入名称。');
  await two.getByTestId('walls-new-name').fill('二号墙');
  await two.getByTestId('walls-create').click();
  await expect.poll(() => shownWall(two)).toBe('二号墙');
  await two.getByTestId('walls-close').click();
  await expect.poll(() => tileNames(two)).toEqual(['', '', '', '']);
  await two.getByTestId('tile').first().click();
  await two.getByTestId('camera-item').filter({ hasText: 'CAM-02 H.265' }).dblclick();
  await expect.poll(() => tileNames(two)).toEqual(['CAM-02 H.265', '', '', '']);

  // Each window keeps its own wall, across a reload.
  await two.reload();
  await expect.poll(() => shownWall(two)).toBe('二号墙');
  await expect.poll(() => tileNames(two)).toEqual(['CAM-02 H.265', '', '', '']);
  expect(await shownWall(one)).toBe('墙 1');
  await expect.poll(() => tileNames(one)).toEqual(['CAM-01 H.264 PTZ', 'CAM-02 H.265', '', '']);

  // Scene 白班: both walls and which window shows which.
  await one.getByTestId('walls-manage').click();
  await one.getByTestId('scene-name').fill('白班');
  await one.getByTestId('scene-save').click();
  await expect(one.getByTestId('walls-note')).toContainText('已保存预案“白班”。');
  await expect(one.getByTestId('scene-item')).toHaveText([/白班.*2 面墙/]);
  await one.screenshot({ path: testInfo.outputPath('walls-dialog.png') });
  await one.getByTestId('walls-close').click();

  // The shift rearranges: window 1 switches to 二号墙, window 2 goes to 9 tiles on it.
  await one.getByTestId('wall-select').selectOption({ label: '二号墙' });
  await expect.poll(() => tileNames(one)).toEqual(['CAM-02 H.265', '', '', '']);
  await two.getByTestId('layout-select').selectOption({ label: '9 画面' });
  await expect(one.getByTestId('tile')).toHaveCount(9);

  // Recalling 白班 puts every wall and window back; undo returns to the rearranged state.
  await one.getByTestId('walls-manage').click();
  await one.getByTestId('scene-recall').click();
  await expect(one.getByTestId('walls-note')).toContainText('已调用预案“白班”。');
  await expect.poll(() => shownWall(one)).toBe('墙 1');
  await expect.poll(() => tileNames(one)).toEqual(['CAM-01 H.264 PTZ', 'CAM-02 H.265', '', '']);
  await expect.poll(() => tileNames(two)).toEqual(['CAM-02 H.265', '', '', '']);
  await one.getByTestId('walls-undo').click();
  await expect.poll(() => shownWall(one)).toBe('二号墙');
  await expect(two.getByTestId('tile')).toHaveCount(9);
  await one.getByTestId('scene-recall').click();
  await expect.poll(() => shownWall(one)).toBe('墙 1');
  await expect(two.getByTestId('tile')).toHaveCount(4);

  // One key: Alt+1 recalls the first scene from the wall, and its notice undoes it.
  await one.getByTestId('walls-close').click();
  await one.getByTestId('wall-select').selectOption({ label: '二号墙' });
  await expect.poll(() => tileNames(one)).toEqual(['CAM-02 H.265', '', '', '']);
  await one.getByTestId('tile').first().click();
  await one.keyboard.press('Alt+1');
  await expect(one.getByTestId('scene-notice')).toContainText('已调用预案“白班”，所有窗口已切换。');
  await expect.poll(() => shownWall(one)).toBe('墙 1');
  await one.getByTestId('scene-undo').click();
  await expect.poll(() => shownWall(one)).toBe('二号墙');
  await one.getByTestId('wall-select').selectOption({ label: '墙 1' });
  await expect.poll(() => shownWall(one)).toBe('墙 1');
  await one.getByTestId('walls-manage').click();

  // Deleting the wall window 2 shows: window 2 gets another; undo brings it back with its camera.
  await one.getByTestId('walls-item').filter({ hasText: '二号墙' }).getByRole('button', { name: '删除' }).click();
  await expect(one.getByTestId('walls-note')).toContainText('已删除墙“二号墙”。');
  await expect.poll(() => shownWall(two)).toBe('墙 1');
  await expect(one.getByTestId('walls-item')).toHaveCount(1);
  await one.getByTestId('walls-undo').click();
  await expect.poll(() => shownWall(two)).toBe('二号墙');
  await expect.poll(() => tileNames(two)).toEqual(['CAM-02 H.265', '', '', '']);
  // The last wall stays.
  await one.getByTestId('walls-item').filter({ hasText: '二号墙' }).getByRole('button', { name: '删除' }).click();
  await expect.poll(() => shownWall(two)).toBe('墙 1');
  await one.getByTestId('walls-item').getByRole('button', { name: '删除' }).click();
  await expect(one.getByTestId('walls-note')).toHaveText('至少要保留一面墙。');
  // A scene brings a deleted wall back too, on the window that showed it.
  await one.getByTestId('scene-recall').click();
  await expect.poll(() => shownWall(two)).toBe('二号墙');
  await expect.poll(() => tileNames(two)).toEqual(['CAM-02 H.265', '', '', '']);
  await two.screenshot({ path: testInfo.outputPath('window-2.png') });

  // Every recall is in the audit log under the scene's name: twice from the dialog before the
  // deletion, once by Alt+1, once just now.
  await one.getByTestId('walls-close').click();
  await one.getByTestId('audit-open').click();
  await one.getByTestId('audit-kind').selectOption('wall.scene_recall');
  const recalls = one.getByTestId('audit-entry');
  await expect(recalls).toHaveCount(4);
  for (const row of await recalls.all()) await expect(row).toContainText(/调用预案.*白班/);
  // The two undos (from the dialog, then from the notice under the wall) are there too.
  await one.getByTestId('audit-kind').selectOption('wall.scene_recall_undo');
  await expect(recalls).toHaveCount(2);
  for (const row of await recalls.all()) await expect(row).toContainText(/撤销调用预案.*白班/);
  await one.screenshot({ path: testInfo.outputPath('audit-recalls.png') });
  csp.expectNone();
});
