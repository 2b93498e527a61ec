-- Headless Neovim against `hlabc lsp`, through tools/editors/nvim/hlab.lua:
--   HLABC=build/compiler/driver/hlabc HLAB_REPO=. \
--     nvim --headless -u NONE -i NONE -n -c 'luafile tools/editors/nvim/test/e2e.lua'
-- Opens a copy of homelab/clusters.hlab, waits for the client to attach, introduces an error
-- and waits for its diagnostic, undoes it and waits for the diagnostic to go, asks for
-- definitions and a hover, and applies a rename across two files. Exits 0 when every check
-- passes, 1 otherwise.
local hlabc = os.getenv('HLABC')
local repo = os.getenv('HLAB_REPO')
-- Generous: under the sanitizers the first analysis of the homelab takes seconds.
local timeout = 60000

local failures = 0
local function log(msg)
  io.stdout:write(msg .. '\n')
end
local function check(name, fn)
  local ok, err = pcall(fn)
  if ok then
    log('ok   ' .. name)
  else
    failures = failures + 1
    log('FAIL ' .. name .. '\n     ' .. tostring(err))
  end
  return ok
end
-- vim.lsp.get_clients is 0.10+, get_active_clients/buf_get_clients its older names.
local function all_clients(filter)
  if vim.lsp.get_clients then return vim.lsp.get_clients(filter) end
  if filter and filter.bufnr then
    local list = {}
    for _, c in pairs(vim.lsp.buf_get_clients(filter.bufnr)) do table.insert(list, c) end
    return list
  end
  return vim.lsp.get_active_clients()
end

local function finish()
  for _, c in ipairs(all_clients()) do vim.lsp.stop_client(c.id) end
  vim.wait(5000, function() return #all_clients() == 0 end, 50)
  log(string.format('nvim %s: %s', tostring(vim.version().major) .. '.' .. vim.version().minor .. '.' .. vim.version().patch,
    failures == 0 and 'all checks passed' or (failures .. ' check(s) failed')))
  io.stdout:flush()
  vim.cmd(failures == 0 and 'qall!' or 'cquit! 1')
end

if not hlabc or not repo then
  log('FAIL set HLABC (the hlabc executable) and HLAB_REPO (the repository root)')
  vim.cmd('cquit! 2')
end

package.path = repo .. '/tools/editors/nvim/?.lua;' .. package.path
local hlab = require('hlab')
local server_exit = nil
hlab.setup({
  cmd = { hlabc, 'lsp' },
  on_exit = function(code, signal) server_exit = { code = code, signal = signal } end,
})

-- Counts publications per uri, beside the default handler.
local published = {}
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']
vim.lsp.handlers['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
  if result then published[result.uri] = (published[result.uri] or 0) + 1 end
  return default_publish(err, result, ctx, config)
end

local tmp = vim.fn.tempname()
vim.fn.mkdir(tmp, 'p')
vim.fn.system({ 'cp', '-r', repo .. '/homelab', tmp .. '/homelab' })
local root = vim.loop.fs_realpath(tmp .. '/homelab')
vim.cmd('edit ' .. vim.fn.fnameescape(root .. '/clusters.hlab'))
local buf = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(buf)

local function clients()
  return all_clients({ bufnr = buf })
end

local function line_of(text)
  for i, l in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if l == text then return i - 1 end
  end
  error('no line ' .. text)
end

local function errors()
  return vim.diagnostic.get(buf, { severity = vim.diagnostic.severity.ERROR })
end

local function request(method, line, col)
  local params = { textDocument = { uri = uri }, position = { line = line, character = col } }
  local responses, err = vim.lsp.buf_request_sync(buf, method, params, timeout)
  assert(responses, method .. ': ' .. tostring(err))
  for _, r in pairs(responses) do
    assert(not r.err, method .. ': ' .. vim.inspect(r.err))
    return r.result
  end
  error(method .. ': no response')
end

local function first_location(result)
  assert(result, 'no result')
  local loc = result.uri and result or result[1]
  assert(loc, 'empty result')
  return { uri = loc.uri or loc.targetUri, range = loc.range or loc.targetSelectionRange }
end

local function file_line(path, line)
  return vim.fn.readfile(path)[line + 1]
end

local ok = check('filetype detected, comment settings', function()
  assert(vim.bo[buf].filetype == 'hlab', 'filetype ' .. vim.bo[buf].filetype)
  assert(vim.bo[buf].commentstring == '# %s', 'commentstring ' .. vim.bo[buf].commentstring)
  assert(hlab.root_dir(root .. '/lib/versions.hlab') == root, 'root of lib/versions.hlab: ' .. hlab.root_dir(root .. '/lib/versions.hlab'))
end)

ok = check('client attaches and initializes', function()
  local function ready(c)
    return c.server_capabilities ~= nil and next(c.server_capabilities) ~= nil
  end
  vim.wait(timeout, function()
    local c = clients()[1]
    return server_exit ~= nil or (c ~= nil and ready(c))
  end, 50)
  assert(server_exit == nil, 'the server exited before initializing: ' .. vim.inspect(server_exit))
  local c = clients()[1]
  assert(c ~= nil, 'no hlab client attached to the buffer')
  assert(ready(c), 'the hlab client did not initialize within ' .. timeout .. ' ms')
  assert(clients()[1].name == 'hlab', 'client name ' .. clients()[1].name)
end) and ok
if not ok then finish() return end

check('first diagnostics: none on the clean homelab', function()
  assert(vim.wait(timeout, function() return (published[uri] or 0) > 0 end, 50), 'no publishDiagnostics for ' .. uri)
  assert(#errors() == 0, vim.inspect(errors()))
end)

local good = '  vip = 192.168.1.75'
-- A non-BMP character before the mistake: the server's UTF-16 columns must land on the
-- address once Neovim turns them into byte columns.
local bad = '  vip = /* \u{1F680} */ 192.168.1.299'
local vip_line = line_of(good)
check('an edit introduces an error with a code, columns right after an emoji', function()
  vim.api.nvim_buf_set_lines(buf, vip_line, vip_line + 1, false, { bad })
  assert(vim.wait(timeout, function() return #errors() > 0 end, 50), 'no error diagnostic after the edit')
  local d = errors()[1]
  assert(d.lnum == vip_line, 'diagnostic on line ' .. d.lnum .. ', expected ' .. vip_line)
  local col = bad:find('192.168.1.299', 1, true) - 1
  assert(d.col == col, 'diagnostic at byte column ' .. d.col .. ', expected ' .. col)
  assert(d.end_col == #bad, 'diagnostic ends at byte column ' .. d.end_col .. ', expected ' .. #bad)
  assert(type(d.code) == 'string' and d.code:match('^E%d%d%d%d$'), 'code ' .. vim.inspect(d.code))
end)

check('undoing the edit clears the error', function()
  vim.api.nvim_buf_set_lines(buf, vip_line, vip_line + 1, false, { good })
  assert(vim.wait(timeout, function() return #errors() == 0 end, 50), 'errors remain: ' .. vim.inspect(errors()))
end)

check('definition: a let into lib/versions.hlab', function()
  local line = line_of('  talos_version = talos_version')
  local loc = first_location(request('textDocument/definition', line, #'  talos_version = ' + 2))
  local path = vim.uri_to_fname(loc.uri)
  assert(path == root .. '/lib/versions.hlab', 'target ' .. path)
  local text = file_line(path, loc.range.start.line)
  assert(text:match('^let talos_version = '), 'target line ' .. tostring(text))
end)

check('definition: a kind into the stdlib', function()
  local loc = first_location(request('textDocument/definition', line_of('cluster main {'), 2))
  local path = vim.uri_to_fname(loc.uri)
  assert(path:match('/std/core%.hlab$'), 'target ' .. path)
  local text = file_line(path, loc.range.start.line)
  assert(text:match('^kind cluster'), 'target line ' .. tostring(text))
end)

check('hover: the doc comment of a field', function()
  local h = request('textDocument/hover', vip_line, 3)
  assert(h and h.contents, 'no hover')
  local c = h.contents
  local text = type(c) == 'string' and c or c.value or vim.inspect(c)
  assert(text:find('Control-plane virtual IP', 1, true), 'hover: ' .. text)
end)

check('rename: a let renamed in its module and at its uses, not the field keys', function()
  local line = line_of('  talos_version = talos_version')
  local params = {
    textDocument = { uri = uri },
    position = { line = line, character = #'  talos_version = ' + 1 },
    newName = 'talos_release',
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/rename', params, timeout)
  local edit
  for _, r in pairs(responses or {}) do
    assert(not r.err, vim.inspect(r.err))
    edit = r.result
  end
  assert(edit, 'no rename result')
  vim.lsp.util.apply_workspace_edit(edit, 'utf-16')
  local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local renamed = 0
  for _, l in ipairs(lines) do
    if l == '  talos_version = talos_release' then renamed = renamed + 1 end
    assert(not l:match('= talos_version$'), 'left unrenamed: ' .. l)
  end
  assert(renamed == 2, renamed .. ' uses renamed in clusters.hlab, expected 2')
  local versions = vim.fn.bufnr(root .. '/lib/versions.hlab')
  assert(versions > 0, 'lib/versions.hlab was not loaded by the edit')
  local found = false
  for _, l in ipairs(vim.api.nvim_buf_get_lines(versions, 0, -1, false)) do
    if l == 'let talos_release = v1.12.2' then found = true end
  end
  assert(found, 'the declaration in lib/versions.hlab was not renamed')
end)

vim.fn.delete(tmp, 'rf')
finish()
