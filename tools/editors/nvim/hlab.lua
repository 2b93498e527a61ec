-- Neovim support for .hlab files: filetype detection, comment settings and the hlabc
-- language server (`hlabc lsp`) through the built-in LSP client. Works on Neovim 0.7
-- (vim.lsp.start_client + vim.lsp.buf_attach_client) and newer (vim.lsp.start).
--
--   require('hlab').setup({
--     cmd = { '/path/to/hlabc', 'lsp' },   -- default: { 'hlabc', 'lsp' } from PATH
--     on_attach = function(client, bufnr) ... end,
--     on_exit = function(code, signal, client_id) ... end,
--   })
--
-- Put this file on the runtimepath as lua/hlab.lua, or load it with dofile().
local M = {}

local uv = vim.uv or vim.loop  -- vim.uv is 0.10+

local defaults = {
  cmd = { 'hlabc', 'lsp' },
  on_attach = nil,
  on_exit = nil,
  capabilities = nil,
  settings = {},
}

M.options = vim.deepcopy(defaults)

-- Clients this module started with vim.lsp.start_client, by project root (Neovim 0.7).
local clients_by_root = {}

local function is_dir(path)
  local stat = uv.fs_stat(path)
  return stat ~= nil and stat.type == 'directory'
end

local function has_hlab_files(dir)
  local handle = uv.fs_scandir(dir)
  if not handle then return false end
  while true do
    local name, kind = uv.fs_scandir_next(handle)
    if not name then return false end
    if kind ~= 'directory' and name:match('%.hlab$') then return true end
  end
end

local function parent(dir)
  local p = vim.fn.fnamemodify(dir, ':h')
  if p == dir then return nil end
  return p
end

-- The workspace root of `fname`: the nearest folder above it holding .git, else the
-- highest folder above it that still holds .hlab files (the server finds the project
-- folder inside the root itself).
function M.root_dir(fname)
  local start = vim.fn.fnamemodify(fname, ':p:h')
  local dir = start
  while dir do
    if is_dir(dir .. '/.git') then return dir end
    dir = parent(dir)
  end
  local root = start
  local up = parent(root)
  while up and has_hlab_files(up) do
    root = up
    up = parent(up)
  end
  return root
end

local function client_config(root)
  local o = M.options
  local config = {
    name = 'hlab',
    cmd = o.cmd,
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = root } },
    on_attach = o.on_attach,
    on_exit = o.on_exit,
    settings = o.settings,
  }
  if o.capabilities then config.capabilities = o.capabilities end
  return config
end

local function usable(client_id)
  local client = client_id and vim.lsp.get_client_by_id(client_id)
  return client ~= nil and not client.is_stopped()
end

-- Starts (or reuses) the server of the buffer's project and attaches the buffer to it.
-- Returns the client id, or nil when the server could not be started.
function M.attach(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local fname = vim.api.nvim_buf_get_name(bufnr)
  if fname == '' then return nil end
  local root = M.root_dir(fname)
  if vim.lsp.start then
    return vim.api.nvim_buf_call(bufnr, function()
      return vim.lsp.start(client_config(root), { bufnr = bufnr })
    end)
  end
  local id = clients_by_root[root]
  if not usable(id) then
    id = vim.lsp.start_client(client_config(root))
    clients_by_root[root] = id
  end
  if id then vim.lsp.buf_attach_client(bufnr, id) end
  return id
end

local function buffer_settings(bufnr)
  vim.bo[bufnr].commentstring = '# %s'
  vim.bo[bufnr].comments = ':##,:#,://,s1:/*,mb:*,ex:*/'
end

function M.setup(opts)
  M.options = vim.tbl_deep_extend('force', vim.deepcopy(defaults), opts or {})
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ extension = { hlab = 'hlab' } })
  end
  local group = vim.api.nvim_create_augroup('hlab', { clear = true })
  -- Also with `filetype off` (e.g. nvim -u NONE), where vim.filetype.add is not consulted.
  vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, {
    group = group,
    pattern = '*.hlab',
    callback = function(args)
      if vim.bo[args.buf].filetype ~= 'hlab' then vim.bo[args.buf].filetype = 'hlab' end
    end,
  })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'hlab',
    callback = function(args)
      buffer_settings(args.buf)
      M.attach(args.buf)
    end,
  })
end

return M
